// CONFIG_MODULE_COMPRESS_{GZIP,XZ}: the one format a kernel's module_decompress accepts.
namespace ModActors.Elf;

/// <summary>The compression the simulated kernel was built to decompress (Debian 6.12: xz).</summary>
public enum ModuleCompression
{
    /// <summary>CONFIG_MODULE_COMPRESS_XZ: .ko.xz (through the system's liblzma).</summary>
    Xz,
    /// <summary>CONFIG_MODULE_COMPRESS_GZIP: .ko.gz (through System.IO.Compression).</summary>
    Gzip,
}
