# s: opening /dev/refmod (misc device, fops.owner = THIS_MODULE:
#    chrdev_open -> misc_open -> fops_get -> try_module_get) in a loop racing
#    delete_module("refmod") retried until it succeeds.  Counts of the
#    openers' outcomes; errno of every delete.
. /lib/oracle.sh
mark "s: load refmod; start 2 opener loops"
modctl -t S1 finit /m/refmod.ko
opener() {
	local n=0
	while [ $n -lt 60 ]; do
		if cat /dev/refmod > /dev/null 2> /tmp/err.$1; then echo ok; else cat /tmp/err.$1; fi
		n=$((n + 1))
	done > /tmp/open.$1
}
opener a &
opener b &
sleep 0.2
mark "s: delete refmod until it succeeds"
k=1
while [ $k -le 40 ]; do
	out=$(modctl -t S2_$k delete refmod)
	echo "$out"
	case "$out" in *" rc=0 "*) break ;; esac
	k=$((k + 1))
done
st refmod
wait
mark "s: opener outcomes (count, result)"
cat /tmp/open.a /tmp/open.b | sed 's/^cat: //' | sort | uniq -c
