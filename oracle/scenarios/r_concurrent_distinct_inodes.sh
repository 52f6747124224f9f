# r: 20 concurrent finit_module of slow from 20 distinct files (cp to
#    /tmp/slowN.ko: 20 inodes, so the idempotent table never matches) with
#    delay_ms=1000; then the same with ret=-5.  Also whether debugfs has
#    modules/stats (CONFIG_MODULE_STATS; Debian 6.12: not set).
. /lib/oracle.sh
mount -t debugfs debugfs /sys/kernel/debug 2>&1
echo "debugfs modules dir: $(ls /sys/kernel/debug/modules 2>&1)"
i=1
while [ $i -le 20 ]; do cp /m/slow.ko /tmp/slow$i.ko; i=$((i + 1)); done
mark "r: 20 concurrent finit, distinct inodes, delay_ms=1000"
T=$(at 300)
i=1
while [ $i -le 20 ]; do
	modctl -t R$i -a $T finit /tmp/slow$i.ko delay_ms=1000 &
	i=$((i + 1))
done
sleep 0.9
pm; st slow
wait
pm; st slow
modctl -t R21 delete slow
mark "r2: 20 concurrent finit, distinct inodes, delay_ms=1000 ret=-5"
T=$(at 300)
i=22
while [ $i -le 41 ]; do
	modctl -t R$i -a $T finit /tmp/slow$((i - 21)).ko "delay_ms=1000 ret=-5" &
	i=$((i + 1))
done
wait
pm; st slow
