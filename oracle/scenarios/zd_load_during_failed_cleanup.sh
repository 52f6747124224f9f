# zd: loads arriving while a failed load cleans up: slow (delay_ms=300 ret=-5)
#     fails its init (EIO) and do_init_module's fail path runs (GOING,
#     synchronize_rcu, notifier, free_module: UNFORMED, list_del,
#     synchronize_rcu). Copies of slow (other inodes, delay_ms=0) are loaded
#     310..420 ms after the failing finit starts, every 10 ms, each in its own
#     process: during COMING they wait and get EBUSY, during GOING EBUSY at
#     once, during UNFORMED they wait and get EBUSY, after the unlink one loads
#     (0) and the rest see it COMING (wait, EEXIST) or LIVE (EEXIST).
. /lib/oracle.sh
i=1
while [ $i -le 12 ]; do cp /m/slow.ko /tmp/s$i.ko; i=$((i + 1)); done
mark "zd: finit slow delay_ms=300 ret=-5 at T; copies at T+310..T+420 every 10 ms"
T=$(at 300)
modctl -t ZD0 -a $T finit /m/slow.ko "delay_ms=300 ret=-5" &
i=1
for d in 310 320 330 340 350 360 370 380 390 400 410 420; do
	modctl -t ZD$i -a $((T + d)) finit /tmp/s$i.ko &
	i=$((i + 1))
done
wait
pm; st slow
modctl -t ZD13 delete slow
