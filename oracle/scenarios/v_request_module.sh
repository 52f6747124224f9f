# v: request_module() from a char-device open (chrdev_open -> base_probe ->
#    request_module("char-major-240-0"), then "char-major-240" only if the
#    first returned > 0).  The helper path is switched with the
#    kernel.modprobe sysctl: 0) busybox's own modprobe; 1) a path that does
#    not exist; 2) empty path; 3) a stub that logs its argv to the kernel log
#    and exits 1; 4) 55 concurrent opens with a stub that sleeps 7 s (kmod
#    allows 50 concurrent requests, the others wait up to 5 s).
. /lib/oracle.sh
mknod /tmp/cdev240 c 240 0
cat > /tmp/mpstub <<'STUB'
#!/bin/sh
echo "modprobe-stub: pid=$$ argv=$0 $*" > /dev/kmsg
[ -f /tmp/modprobe_sleep ] && sleep $(cat /tmp/modprobe_sleep)
exit 1
STUB
chmod 755 /tmp/mpstub
try_open() { local t0=$(now); cat /tmp/cdev240 2>&1; echo "open took $(( $(now) - t0 )) ms"; }
mark "v0: kernel.modprobe=$(cat /proc/sys/kernel/modprobe) (busybox applet)"
try_open
mark "v1: kernel.modprobe=/tmp/nonexistent"
echo /tmp/nonexistent > /proc/sys/kernel/modprobe
try_open
mark "v2: kernel.modprobe empty"
echo > /proc/sys/kernel/modprobe
echo "kernel.modprobe now: '$(cat /proc/sys/kernel/modprobe)'"
try_open
mark "v3: kernel.modprobe=/tmp/mpstub (logs argv, exits 1)"
echo /tmp/mpstub > /proc/sys/kernel/modprobe
try_open
mark "v4: 55 concurrent opens, stub sleeps 7 s"
echo 7 > /tmp/modprobe_sleep
i=1
while [ $i -le 55 ]; do
	( t0=$(now); cat /tmp/cdev240 > /dev/null 2>&1; echo "$(( ($(now) - t0) / 1000 )) s" > /tmp/v4.$i ) &
	i=$((i + 1))
done
sleep 3
echo "stubs running at +3 s: $(ps | grep -c '[m]pstub')"
wait
echo "open durations (count, whole seconds):"
cat /tmp/v4.* | sort -n | uniq -c
echo "stub invocations in the kernel log: $(dmesg | grep -c 'modprobe-stub:')"
echo "  for char-major-240-0: $(dmesg | grep -c 'modprobe-stub:.* char-major-240-0$')"
echo "  for char-major-240:   $(dmesg | grep -c 'modprobe-stub:.* char-major-240$')"
