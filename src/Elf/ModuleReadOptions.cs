// The kernel configuration and call arguments that change what the loader accepts from a file.
using System.Security.Cryptography.X509Certificates;

namespace ModActors.Elf;

/// <summary>How the simulated kernel reads a module; the defaults are Debian's 6.12.117 amd64 kernel.</summary>
public sealed record ModuleReadOptions
{
    /// <summary>Debian 6.12's VERMAGIC_STRING (note the trailing space).</summary>
    public const string DebianVermagic = "6.12.117+deb12-amd64 SMP preempt mod_unload modversions ";

    /// <summary>The defaults.</summary>
    public static ModuleReadOptions Default { get; } = new();

    /// <summary>finit_module flags.</summary>
    public ModuleInitFlags Flags { get; init; }

    /// <summary>The keys of the kernel's keyrings (the system's and platform keyring) module signatures verify against.</summary>
    public IReadOnlyList<X509Certificate2> TrustedCertificates { get; init; } = [];

    /// <summary>
    /// CONFIG_MODULE_SIG: when false, module_sig_check is compiled out, so an appended signature is neither
    /// parsed nor cut off (the ELF checks ignore the trailing bytes). Bulk readers that never verify use it.
    /// </summary>
    public bool ModuleSig { get; init; } = true;

    /// <summary>module.sig_enforce (CONFIG_MODULE_SIG_FORCE): refuse unsigned or unverifiable modules.</summary>
    public bool SigEnforce { get; init; }

    /// <summary>module_blacklist= (names refused by early_mod_check with -EPERM).</summary>
    public IReadOnlyList<string> ModuleBlacklist { get; init; } = [];

    /// <summary>CONFIG_LIVEPATCH (Debian: y): without it check_modinfo_livepatch refuses a livepatch= module with -ENOEXEC.</summary>
    public bool Livepatch { get; init; } = true;

    /// <summary>The kernel's VERMAGIC_STRING for check_modinfo; null skips the comparison.</summary>
    public string? KernelVermagic { get; init; } = DebianVermagic;

    /// <summary>The CRC of the kernel's module_layout export for check_modstruct_version; null skips the check.</summary>
    public uint? ModuleLayoutCrc { get; init; } = 0x2f9b2b9a;

    /// <summary>sizeof(struct module) of the running kernel (1280 on Debian 6.12 amd64).</summary>
    public int StructModuleSize { get; init; } = 1280;

    /// <summary>The e_machine the kernel accepts (EM_X86_64 = 62).</summary>
    public ushort Machine { get; init; } = 62;

    /// <summary>The compression module_decompress understands (CONFIG_MODULE_COMPRESS_*).</summary>
    public ModuleCompression Compression { get; init; } = ModuleCompression.Xz;
}
