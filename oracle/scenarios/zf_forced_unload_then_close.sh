# zf: forced unload (O_TRUNC) of refmod while an open /dev/refmod holds a
#     reference (fops owner): the plain delete gets EAGAIN, the forced one 0
#     (taint R); then the holder closes its file: __fput calls the freed
#     module's release and module_put on freed memory.
. /lib/oracle.sh
mark "zf: load refmod; a holder opens /dev/refmod and closes it 1.5 s later"
modctl -t ZF1 finit /m/refmod.ko
( exec 3</dev/refmod; echo "t=$(now) holder opened"; sleep 1.5; echo "t=$(now) holder closing"; exec 3<&-; echo "t=$(now) holder closed" ) &
H=$!
sleep 0.3
st refmod; kt
modctl -t ZF2 delete refmod
modctl -t ZF3 delete refmod trunc
st refmod; kt
mark "zf: waiting for the holder's close"
sleep 2
echo "t=$(now) holder pid $H: $(if kill -0 $H 2>/dev/null; then cat /proc/$H/stat | cut -d' ' -f3; else echo gone; fi)"
wait $H; echo "t=$(now) holder exit status $?"
kt
pm
modctl -t ZF4 finit /m/refmod.ko
