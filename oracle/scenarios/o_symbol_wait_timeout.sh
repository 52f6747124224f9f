# o: useb waits in resolve_symbol_wait() for expa, whose init sleeps 31 s
#    (longer than the 30 s timeout).  While useb waits (UNFORMED): delete of
#    useb, a second finit of useb (same file) and of a copy (other inode).
#    Run with ORACLE_TIMEOUT=120.
. /lib/oracle.sh
cp /m/useb.ko /tmp/useb2.ko
mark "o: expa delay_ms=31000, useb +200ms"
T=$(at 200)
modctl -t O1 -a $T finit /m/expa.ko delay_ms=31000 &
modctl -t O2 -a $((T + 200)) finit /m/useb.ko &
sleep 1
pm; st expa useb
mark "o: while useb waits: delete useb, finit useb (same file), finit copy"
modctl -t O3 delete useb
modctl -t O4 finit /m/useb.ko &
modctl -t O5 finit /tmp/useb2.ko &
sleep 1
pm; st expa useb
wait
pm; st expa useb
mark "o: useb after expa is live"
modctl -t O6 finit /m/useb.ko
pm; st expa useb
modctl -t O7 delete useb
modctl -t O8 delete expa
