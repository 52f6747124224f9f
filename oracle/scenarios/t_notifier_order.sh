# t: exact module-notifier order with notif loaded: expa (delay 1000) with
#    useb waiting for its symbol; veto of expa while useb waits; a load that
#    fails before COMING (no exporter); failed parameter parsing with two bad
#    values; delete ordering of exit vs GOING; a failing init.
. /lib/oracle.sh
modctl -t T0 finit /m/notif.ko
mark "t: expa delay 1000, useb +200ms"
T=$(at 200)
modctl -t T1 -a $T finit /m/expa.ko delay_ms=1000 &
modctl -t T2 -a $((T + 200)) finit /m/useb.ko &
wait
mark "t: delete useb, delete expa"
modctl -t T3 delete useb
modctl -t T4 delete expa
mark "t: useb with no expa (fails in simplify_symbols, before COMING)"
modctl -t T5 finit /m/useb.ko
mark "t: veto expa (sysfs), expa delay 500 + useb +200ms"
echo expa > /sys/module/notif/parameters/veto
T=$(at 200)
modctl -t T6 -a $T finit /m/expa.ko delay_ms=500 &
modctl -t T7 -a $((T + 200)) finit /m/useb.ko &
wait
echo > /sys/module/notif/parameters/veto
mark "t: slow with two bad params"
modctl -t T8 finit /m/slow.ko "delay_ms=abc ret=99999999999 bogus=1"
mark "t: slow exit_delay_ms=300, delete"
modctl -t T9 finit /m/slow.ko exit_delay_ms=300
modctl -t T10 delete slow
mark "t: slow ret=-5 delay 300"
modctl -t T11 finit /m/slow.ko "ret=-5 delay_ms=300"
mark "t: delete notif"
modctl -t T12 delete notif
