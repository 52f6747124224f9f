# w: like o, with a 4 s margin: expa's init sleeps 34 s, useb starts 200 ms
#    later and must give up after resolve_symbol_wait's 30 s (o's 31 s was
#    timing-dependent under TCG).  A second finit of useb from a copy waits in
#    early_mod_check meanwhile.  Run with ORACLE_TIMEOUT=120.
. /lib/oracle.sh
cp /m/useb.ko /tmp/useb2.ko
mark "w: expa delay_ms=34000, useb +200ms, useb copy +1000ms"
T=$(at 200)
modctl -t W1 -a $T finit /m/expa.ko delay_ms=34000 &
modctl -t W2 -a $((T + 200)) finit /m/useb.ko &
modctl -t W3 -a $((T + 1000)) finit /tmp/useb2.ko &
wait
pm; st expa useb
modctl -t W4 finit /m/useb.ko
pm
modctl -t W5 delete useb
modctl -t W6 delete expa
