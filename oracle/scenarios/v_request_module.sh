# v: request_module() from a char-device open (chrdev_open -> base_probe ->
#    request_module("char-major-240-0"), then "char-major-240" if the first
#    returned > 0).  1) no /sbin/modprobe; 2) a stub /sbin/modprobe that logs
#    its argv to the kernel log and exits 1; 3) 55 concurrent opens with a stub
#    that sleeps 7 s: kmod's limit of 50 concurrent requests (down_timeout 5 s).
. /lib/oracle.sh
mknod /tmp/cdev240 c 240 0
mark "v1: open with no /sbin/modprobe"
t0=$(now); cat /tmp/cdev240 2>&1; echo "open took $(( $(now) - t0 )) ms"
mark "v2: stub modprobe exiting 1"
mkdir -p /sbin
cat > /sbin/modprobe <<'STUB'
#!/bin/sh
echo "modprobe-stub: pid=$$ argv=$0 $*" > /dev/kmsg
[ -f /tmp/modprobe_sleep ] && sleep $(cat /tmp/modprobe_sleep)
exit 1
STUB
chmod 755 /sbin/modprobe
t0=$(now); cat /tmp/cdev240 2>&1; echo "open took $(( $(now) - t0 )) ms"
mark "v3: 55 concurrent opens, stub sleeps 7 s"
echo 7 > /tmp/modprobe_sleep
i=1
while [ $i -le 55 ]; do
	( t0=$(now); cat /tmp/cdev240 > /dev/null 2>&1; echo "open $i took $(( $(now) - t0 )) ms" > /tmp/v3.$i ) &
	i=$((i + 1))
done
sleep 3
echo "modprobe stubs running at +3 s: $(ps | grep -c '[m]odprobe')"
wait
cat /tmp/v3.* | sed 's/open [0-9]* took //' | sort -n | uniq -c
