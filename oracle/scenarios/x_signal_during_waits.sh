# x: a stop signal (SIGSTOP then SIGCONT; no handler, nothing killed) sent to
#    a loader while it waits: (1) a same-inode finit waiting for the winner
#    (idempotent_wait_for_completion, returns idem.ret = -EINTR); (2) a finit
#    of another inode waiting in module_patient_check_exists (-ERESTARTSYS:
#    the syscall is restarted); (3) useb waiting for expa in
#    resolve_symbol_wait (interrupted wait = give up).
. /lib/oracle.sh
cp /m/slow.ko /tmp/slow2.ko
stopcont() { sleep $1; kill -STOP $2; sleep 0.2; kill -CONT $2; echo "t=$(now) sent STOP/CONT to $2"; }
mark "x1: winner slow delay 2000; same-file waiter and other-inode waiter get STOP/CONT"
T=$(at 200)
modctl -t X1 -a $T finit /m/slow.ko delay_ms=2000 &
modctl -t X2 -a $((T + 200)) finit /m/slow.ko &
P2=$!
modctl -t X3 -a $((T + 200)) finit /tmp/slow2.ko &
P3=$!
stopcont 0.8 $P2
stopcont 0.1 $P3
wait
pm
modctl -t X4 delete slow
mark "x2: expa delay 2000, useb +200 ms gets STOP/CONT while waiting for expa_value"
T=$(at 200)
modctl -t X5 -a $T finit /m/expa.ko delay_ms=2000 &
modctl -t X6 -a $((T + 200)) finit /m/useb.ko &
P6=$!
stopcont 0.9 $P6
wait
pm
modctl -t X7 delete useb
modctl -t X8 delete expa
