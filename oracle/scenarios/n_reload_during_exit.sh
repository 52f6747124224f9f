# n: load slow while a delete_module of slow is running its exit
#    (exit_delay_ms=1000, state GOING): finit of the same file, finit of a
#    copy (other inode) and init_module, all +300 ms; then a load after the
#    delete returned.
. /lib/oracle.sh
cp /m/slow.ko /tmp/slow2.ko
mark "n: load slow exit_delay_ms=1000"
modctl -t N1 finit /m/slow.ko exit_delay_ms=1000
mark "n: delete; +300ms finit same file, +400 finit copy, +500 init_module"
T=$(at 200)
modctl -t N2 -a $T delete slow &
modctl -t N3 -a $((T + 300)) finit /m/slow.ko &
modctl -t N4 -a $((T + 400)) finit /tmp/slow2.ko &
modctl -t N5 -a $((T + 500)) init /m/slow.ko &
sleep 0.9
pm; st slow
wait
pm; st slow
mark "n: load again after the delete returned"
modctl -t N6 finit /m/slow.ko
pm; st slow
modctl -t N7 delete slow
