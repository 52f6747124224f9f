# y: exact contents and modes of /sys/module/NAME while COMING and once LIVE
#    (slow with delay_ms=1500), for a user/holder pair (expa/useb), for a
#    module without parameters (noexit), and a runtime parameter write.
. /lib/oracle.sh
dump() {
	local m=$1 f
	echo "-- /sys/module/$m: $(ls /sys/module/$m | tr '\n' ' ')"
	ls -l /sys/module/$m | sed 's/ [A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]* / DATE /; s/^/   /'
	for f in initstate refcnt taint coresize initsize srcversion version; do
		[ -e /sys/module/$m/$f ] && echo "   $f=[$(cat /sys/module/$m/$f)]"
	done
	[ -d /sys/module/$m/parameters ] && for f in /sys/module/$m/parameters/*; do
		echo "   parameters/$(basename $f) mode=$(stat -c %a $f) value=[$(cat $f)]"
	done
	echo "   holders=[$(ls /sys/module/$m/holders | tr '\n' ' ')] sections=$(ls -a /sys/module/$m/sections 2>/dev/null | wc -l) notes=[$(ls -a /sys/module/$m/notes 2>/dev/null | tr '\n' ' ')]"
}
mark "y: slow delay_ms=1500 while COMING"
modctl -t Y1 finit /m/slow.ko "delay_ms=1500 exit_delay_ms=7" &
sleep 0.8
dump slow
wait
mark "y: slow LIVE"
dump slow
echo "   write to 0444 param: $(echo 5 > /sys/module/slow/parameters/delay_ms 2>&1)"
modctl -t Y2 delete slow
mark "y: expa + useb"
modctl -t Y3 finit /m/expa.ko
modctl -t Y4 finit /m/useb.ko
dump expa
dump useb
modctl -t Y5 delete useb
modctl -t Y6 delete expa
mark "y: noexit (no parameters) and notif (0644 string parameter)"
modctl -t Y7 finit /m/noexit.ko
dump noexit
modctl -t Y8 finit /m/notif.ko
echo "   write veto: $(echo -n abc > /sys/module/notif/parameters/veto 2>&1)"
dump notif
modctl -t Y9 delete notif
