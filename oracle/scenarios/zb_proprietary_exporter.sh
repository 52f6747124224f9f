# zb: expa with its licence patched to the non-GPL "GPx" (byte 611 of the
#    initramfs' expa.ko): its own P taint and log lines, then users useb
#    (expa_value) and nsok (expa_ns) inheriting P from it (inherit_taint).
. /lib/oracle.sh
if [ "$(dd if=/m/expa.ko bs=1 skip=601 count=11 2>/dev/null)" != "license=GPL" ]; then
	echo "zb: byte offset does not match this expa.ko (rebuilt?); recompute it"; exit 1
fi
cp /m/expa.ko /tmp/expp.ko
printf x | dd of=/tmp/expp.ko bs=1 seek=611 conv=notrunc 2>/dev/null
kt
modctl -t ZB1 finit /tmp/expp.ko
pm; st expa; kt
modctl -t ZB2 finit /m/useb.ko
modctl -t ZB3 finit /m/nsok.ko
modctl -t ZB4 finit /m/propc.ko
pm; st expa useb nsok; kt
modctl -t ZB5 delete useb
modctl -t ZB6 delete nsok
modctl -t ZB7 delete expa
