// struct load_info (kernel/module/internal.h): one load's view of the image — the module's name and
// definition, the image length, the finit flags, whether the signature checked out — and which
// syscall brought it.
using ModActors.Elf;

namespace ModActors.Kernel.Main;

internal sealed class LoadInfo(ModuleDefinition def, int len, int compressedLen, ModuleInitFlags flags)
{
    public ModuleDefinition Def { get; } = def;

    /// <summary>info->name.</summary>
    public string Name => Def.Name;

    /// <summary>info->len: the (decompressed) image length.</summary>
    public int Len { get; } = len;

    /// <summary>info->compressed_len: the file's length before module_decompress.</summary>
    public int CompressedLen { get; } = compressedLen;

    public ModuleInitFlags Flags { get; } = flags;

    /// <summary>info->sig_ok.</summary>
    public bool SigOk => Def.Signature == SignatureState.Good;

    /// <summary>__versions as check_version sees it: null after MODULE_INIT_IGNORE_MODVERSIONS or without the section.</summary>
    public VersionInfo Versions => VersionInfo.Create(Name, Name, VersionList(), Flags);

    /// <summary>Whether the module was built against this kernel's exports (a synthetic module): every CRC matches.</summary>
    public bool VersionsMatchAll => Def.Versions is null && Def.Image is null && (Flags & ModuleInitFlags.IgnoreModversions) == 0;

    private IReadOnlyList<ModVersion>? VersionList()
    {
        if (Def.Image is { } image)
            return image.HasVersions ? image.Versions : null;
        return Def.Versions?.Select(kv => new ModVersion(kv.Key, kv.Value)).ToArray() ?? [];
    }
}
