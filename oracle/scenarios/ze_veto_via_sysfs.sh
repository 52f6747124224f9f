# ze: notif's veto parameter (charp-like string, 0644) switched through sysfs
#     between loads of slow: off -> slow loads; veto=slow -> COMING vetoed
#     (EPERM, "notif: slow VETO -EPERM", GOING); cleared -> slow loads again.
#     Also what sysfs writes give: a 0444 parameter (EACCES), a string longer
#     than the buffer (ENOSPC), the value read back.
. /lib/oracle.sh
wr() { if printf '%s' "$2" > "$1" 2>/tmp/werr; then echo "t=$(now) write $1 ok"; else echo "t=$(now) write $1 failed: $(sed 's/.*: //' /tmp/werr)"; fi; }
rd() { echo "t=$(now) read $1: [$(cat "$1" 2>&1 | sed 's/.*: //')]"; }
mark "ze: notif loaded with no veto"
modctl -t ZE1 finit /m/notif.ko
modctl -t ZE2 finit /m/slow.ko
modctl -t ZE3 delete slow
mark "ze: veto=slow through sysfs"
wr /sys/module/notif/parameters/veto slow
rd /sys/module/notif/parameters/veto
modctl -t ZE4 finit /m/slow.ko
pm
mark "ze: veto cleared through sysfs"
wr /sys/module/notif/parameters/veto ""
echo > /sys/module/notif/parameters/veto; echo "t=$(now) wrote newline"
rd /sys/module/notif/parameters/veto
modctl -t ZE5 finit /m/slow.ko
mark "ze: sysfs write errors"
wr /sys/module/slow/parameters/delay_ms 5
rd /sys/module/slow/parameters/delay_ms
wr /sys/module/notif/parameters/veto aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
rd /sys/module/notif/parameters/veto
wr /sys/module/slow/parameters/nosuch 1
modctl -t ZE6 delete slow
modctl -t ZE7 delete notif
