# q: 4 concurrent init_module (not finit: no idempotent table) of the same
#    image slow.ko delay_ms=1000; then the same with ret=-5.
. /lib/oracle.sh
mark "q: 4 concurrent init_module delay_ms=1000"
T=$(at 200)
for i in 1 2 3 4; do
	modctl -t Q$i -a $T init /m/slow.ko delay_ms=1000 &
done
sleep 0.7
pm; st slow
wait
pm; st slow
modctl -t Q5 delete slow
mark "q2: 4 concurrent init_module delay_ms=1000 ret=-5"
T=$(at 200)
for i in 6 7 8 9; do
	modctl -t Q$i -a $T init /m/slow.ko "delay_ms=1000 ret=-5" &
done
wait
pm; st slow
