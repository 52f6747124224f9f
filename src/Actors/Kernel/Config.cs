// The simulated kernel's build configuration and boot-time knobs: the CONFIG_* options of Debian's
// linux-image-6.12.117+deb12-amd64 (boot/config-6.12.117+deb12-amd64) that change module loading, the
// modules_disabled sysctl, and the vermagic string those options produce (include/linux/vermagic.h
// VERMAGIC_STRING). Profile selects which kernel's load-path behaviour the loader models.
using System.Text;

namespace ModActors.Kernel;

/// <summary>Which kernel's module-loading behaviour to model.</summary>
public enum KernelProfile
{
    /// <summary>Linux 6.12 (Debian 6.12.117): idempotent finit_module table and the early duplicate check.</summary>
    Linux612,

    /// <summary>
    /// Linux 6.3: no idempotent_init_module() table (concurrent finit of one file each run the whole load) and no
    /// early module_patient_check_exists() in early_mod_check(); duplicates are caught only by
    /// add_unformed_module().
    /// </summary>
    Linux63,
}

/// <summary>
/// The simulated kernel's configuration. Defaults are Debian 6.12.117+deb12-amd64's (checked against its
/// boot/config file); every property can be overridden with an object initializer.
/// </summary>
public sealed record KernelConfig
{
    /// <summary>Debian's 6.12 configuration.</summary>
    public static KernelConfig Debian612 { get; } = new();

    /// <summary>The same options with the 6.3 load-path behaviour.</summary>
    public static KernelConfig Linux63 { get; } = new() { Profile = KernelProfile.Linux63 };

    /// <summary>Which kernel's load-path behaviour to model.</summary>
    public KernelProfile Profile { get; init; } = KernelProfile.Linux612;

    /// <summary>
    /// How long kernel work takes (Timing/TimingProfile.cs): qemu-tcg by default, the timings of the real kernel the
    /// oracle runs; <see cref="TimingProfile.Instant"/> makes kernel work take no virtual time.
    /// </summary>
    public TimingProfile Timing { get; init; } = TimingProfile.QemuTcg;

    /// <summary>UTS_RELEASE, the first word of vermagic.</summary>
    public string Release { get; init; } = "6.12.117+deb12-amd64";

    /// <summary>CONFIG_SMP=y: vermagic has "SMP ".</summary>
    public bool Smp { get; init; } = true;

    /// <summary>CONFIG_PREEMPT_BUILD=y (PREEMPT_DYNAMIC, voluntary by default): vermagic has "preempt ".</summary>
    public bool PreemptBuild { get; init; } = true;

    /// <summary>
    /// CONFIG_MODULE_UNLOAD=y: delete_module exists, refcounts and "used by" lists are kept, /proc/modules shows them,
    /// vermagic has "mod_unload ".
    /// </summary>
    public bool ModuleUnload { get; init; } = true;

    /// <summary>CONFIG_MODULE_FORCE_UNLOAD=y: delete_module with O_TRUNC may force (tainting 'R').</summary>
    public bool ModuleForceUnload { get; init; } = true;

    /// <summary>
    /// CONFIG_MODULE_FORCE_LOAD=y: a missing vermagic or __versions is accepted by try_to_force_load(), tainting 'F'
    /// ("%s: %s: kernel tainted."); without it those loads fail with -ENOEXEC.
    /// </summary>
    public bool ModuleForceLoad { get; init; } = true;

    /// <summary>CONFIG_MODVERSIONS=y: symbol CRCs are checked; vermagic has "modversions ".</summary>
    public bool Modversions { get; init; } = true;

    /// <summary>CONFIG_MODULE_SIG=y: signatures are checked and an unsigned module taints 'E'.</summary>
    public bool ModuleSig { get; init; } = true;

    /// <summary>
    /// CONFIG_MODULE_SIG_FORCE is not set, so sig_enforce is false: an unsigned module loads (tainted) unless
    /// module.sig_enforce=1 is on the command line.
    /// </summary>
    public bool SigEnforce { get; init; }

    /// <summary>CONFIG_MODULE_DECOMPRESS=y (CONFIG_MODULE_COMPRESS_XZ): finit_module accepts MODULE_INIT_COMPRESSED_FILE.</summary>
    public bool ModuleDecompress { get; init; } = true;

    /// <summary>
    /// CONFIG_MODULE_STATS: not set by Debian (it needs CONFIG_MODULE_DEBUG, which is off), so the real kernel has no
    /// /sys/kernel/debug/modules/stats. Set it to model that file.
    /// </summary>
    public bool ModuleStats { get; init; }

    /// <summary>CONFIG_MODULE_DEBUG_AUTOLOAD_DUPS: not set by Debian (dups.c is not built).</summary>
    public bool ModuleDebugAutoloadDups { get; init; }

    /// <summary>CONFIG_MODULE_ALLOW_MISSING_NAMESPACE_IMPORTS: not set, so a missing MODULE_IMPORT_NS fails the load.</summary>
    public bool ModuleAllowMissingNamespaceImports { get; init; }

    /// <summary>CONFIG_LIVEPATCH=y: a livepatch=Y module loads and taints 'K'.</summary>
    public bool Livepatch { get; init; } = true;

    /// <summary>CONFIG_STRICT_MODULE_RWX=y: module text read-only and executable, data not executable, rodata read-only.</summary>
    public bool StrictModuleRwx { get; init; } = true;

    /// <summary>CONFIG_KALLSYMS=y: /sys/module/NAME/sections exists.</summary>
    public bool Kallsyms { get; init; } = true;

    /// <summary>
    /// The kernel.modules_disabled sysctl (0 at boot): when set, init_module, finit_module and delete_module
    /// return -EPERM.
    /// </summary>
    public bool ModulesDisabled { get; init; }

    /// <summary>
    /// Whether /proc/modules and section files show real addresses (kallsyms_show_value() for the reader); when
    /// false they show 0x0000000000000000.
    /// </summary>
    public bool ShowKernelAddresses { get; init; }

    /// <summary>
    /// VERMAGIC_STRING: UTS_RELEASE " " then "SMP ", "preempt ", "mod_unload ", "modversions " as configured;
    /// Debian's is "6.12.117+deb12-amd64 SMP preempt mod_unload modversions " (trailing space included).
    /// </summary>
    public string Vermagic
    {
        get
        {
            var sb = new StringBuilder(Release).Append(' ');
            if (Smp)
                sb.Append("SMP ");
            if (PreemptBuild)
                sb.Append("preempt ");
            if (ModuleUnload)
                sb.Append("mod_unload ");
            if (Modversions)
                sb.Append("modversions ");
            return sb.ToString();
        }
    }
}
