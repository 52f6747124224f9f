# z: the "used by" column and holders/ with two users of expa (useb, then
#    nsok), expa's refcnt, and deletes in the wrong and right order.
. /lib/oracle.sh
modctl -t Z1 finit /m/expa.ko
modctl -t Z2 finit /m/useb.ko
modctl -t Z3 finit /m/nsok.ko
pm; st expa useb nsok
modctl -t Z4 delete expa
modctl -t Z5 delete useb
pm; st expa
modctl -t Z6 delete nsok
modctl -t Z7 delete expa
pm
