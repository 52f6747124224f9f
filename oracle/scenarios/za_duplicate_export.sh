# za: a second module exporting the same symbols: expx = expa with its name
#    patched to "expx" (.modinfo name= at byte 669 and struct module name at
#    byte 1819 of the initramfs' debug-stripped expa.ko), so it exports
#    expa_value/expa_gpl/expa_ns too.  Sequential and concurrent (expa's init
#    sleeps 1 s, expx +200 ms: expa is COMING, its symbols already count).
. /lib/oracle.sh
at_off() { dd if=/m/expa.ko bs=1 skip=$1 count=$2 2>/dev/null; }
if [ "$(at_off 661 9)" != "name=expa" ] || [ "$(at_off 1816 4)" != "expa" ]; then
	echo "za: byte offsets do not match this expa.ko (rebuilt?); recompute them"; exit 1
fi
cp /m/expa.ko /tmp/expx.ko
printf x | dd of=/tmp/expx.ko bs=1 seek=669 conv=notrunc 2>/dev/null
printf x | dd of=/tmp/expx.ko bs=1 seek=1819 conv=notrunc 2>/dev/null
mark "za: expx alone, then expa"
modctl -t ZA1 finit /tmp/expx.ko
modctl -t ZA2 finit /m/expa.ko
pm
modctl -t ZA3 delete expx
mark "za2: expa (loaded) then expx"
modctl -t ZA4 finit /m/expa.ko
modctl -t ZA5 finit /tmp/expx.ko
pm
modctl -t ZA6 delete expa
mark "za3: expa delay 1000, expx +200 ms"
T=$(at 200)
modctl -t ZA7 -a $T finit /m/expa.ko delay_ms=1000 &
modctl -t ZA8 -a $((T + 200)) finit /tmp/expx.ko &
wait
pm
modctl -t ZA9 delete expa
