// The finit_module flags of include/uapi/linux/module.h that change how the image is read.
namespace ModActors.Elf;

/// <summary>finit_module flags (MODULE_INIT_*).</summary>
[Flags]
public enum ModuleInitFlags
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>MODULE_INIT_IGNORE_MODVERSIONS: pretend there is no __versions section.</summary>
    IgnoreModversions = 1,
    /// <summary>MODULE_INIT_IGNORE_VERMAGIC: do not compare vermagic.</summary>
    IgnoreVermagic = 2,
    /// <summary>MODULE_INIT_COMPRESSED_FILE: the image is compressed; decompress it in the kernel.</summary>
    CompressedFile = 4,
}
