# zc: deletes of slow at 10 ms steps across the end of its init: slow's init
#     sleeps 300 ms; 21 delete_module("slow") start 250..450 ms after the finit
#     (each its own process, common clock). Deletes while COMING get EBUSY, in
#     do_init_module's tail (LIVE, init reference still held) EAGAIN, the first
#     one after it 0, then EBUSY (GOING, exit running) or ENOENT (freed).
. /lib/oracle.sh
mark "zc: finit slow delay_ms=300 at T; deletes at T+250..T+450 every 10 ms"
T=$(at 300)
modctl -t ZC0 -a $T finit /m/slow.ko delay_ms=300 &
i=1
for d in 250 260 270 280 290 300 310 320 330 340 350 360 370 380 390 400 410 420 430 440 450; do
	modctl -t ZC$i -a $((T + d)) delete slow &
	i=$((i + 1))
done
wait
pm; st slow
