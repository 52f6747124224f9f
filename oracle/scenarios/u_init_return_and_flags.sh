# u: init returning a positive value and an out-of-range negative value;
#    finit flags ignore_vermagic (2) and ignore_modversions (1) on an
#    unsigned module (taint F, signature check skipped for mangled modules);
#    the [permanent] column with a holder; module taint letters.
. /lib/oracle.sh
mark "u: slow ret=1 (positive init return)"
modctl -t U1 finit /m/slow.ko ret=1
pm; st slow
modctl -t U2 delete slow
mark "u: slow ret=-1000 (not an errno)"
modctl -t U3 finit /m/slow.ko ret=-1000
pm
mark "u: slow ret=-512 (ERESTARTSYS)"
modctl -t U4 finit /m/slow.ko ret=-512
mark "u: flags ignore_vermagic"
kt
modctl -t U5 finit /m/slow.ko - ignore_vermagic
pm; st slow; kt
modctl -t U6 delete slow
mark "u: flags ignore_modversions"
modctl -t U7 finit /m/expa.ko - ignore_modversions
pm; st expa; kt
modctl -t U8 delete expa
mark "u: flags 3 on useb with expa loaded normally"
modctl -t U9 finit /m/expa.ko
modctl -t U10 finit /m/useb.ko - 3
pm; st expa useb; kt
modctl -t U11 delete useb
modctl -t U12 delete expa
