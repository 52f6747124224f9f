# m: two delete_module of slow (exit_delay_ms=1000) at the same instant; then
#    a delete (plain and trunc) while the first delete is running slow's exit
#    (state GOING): what /proc/modules and /sys/module show meanwhile.
. /lib/oracle.sh
mark "m: load slow exit_delay_ms=1000"
modctl -t M1 finit /m/slow.ko exit_delay_ms=1000
pm; st slow
mark "m: two concurrent deletes"
T=$(at 200)
modctl -t M2 -a $T delete slow &
modctl -t M3 -a $T delete slow &
sleep 0.7
pm; st slow
wait
pm; st slow
mark "m2: delete, then delete / delete trunc / delete nonblock +300ms while exit runs"
modctl -t M4 finit /m/slow.ko exit_delay_ms=1000
T=$(at 200)
modctl -t M5 -a $T delete slow &
modctl -t M6 -a $((T + 300)) delete slow &
modctl -t M7 -a $((T + 400)) delete slow trunc &
modctl -t M8 -a $((T + 500)) delete slow nonblock &
sleep 0.9
pm; st slow
wait
pm; st slow
modctl -t M9 delete slow
