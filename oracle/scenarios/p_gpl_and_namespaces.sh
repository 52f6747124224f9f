# p: propc (MODULE_LICENSE Proprietary) using the GPL-only expa_gpl; nsuser
#    using expa_ns without MODULE_IMPORT_NS; nsok importing EXPA_NS.  rc/errno,
#    log lines, per-module and kernel taints, /proc/modules.
. /lib/oracle.sh
mark "p: expa"
modctl -t P1 finit /m/expa.ko
pm; st expa; kt
mark "p: propc (proprietary, uses GPL-only expa_gpl)"
modctl -t P2 finit /m/propc.ko
pm; st expa propc; kt
mark "p: nsuser (namespace EXPA_NS not imported)"
modctl -t P3 finit /m/nsuser.ko
pm; st nsuser
mark "p: nsok (imports EXPA_NS)"
modctl -t P4 finit /m/nsok.ko
pm; st expa nsok; kt
mark "p: slow after the kernel got P: per-module taint"
modctl -t P5 finit /m/slow.ko
pm; st slow; kt
modctl -t P6 delete nsok
modctl -t P7 delete expa
modctl -t P8 delete slow
