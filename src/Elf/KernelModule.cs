// A validated module image and everything the loader needs from it (struct load_info's view of the
// file plus what find_module_sections, simplify_symbols and layout_and_allocate read). Built by
// KernelModuleReader; the image bytes are referenced, not copied.
using ModActors.Elf.Format;

namespace ModActors.Elf;

/// <summary>A kernel module image that passed the loader's file checks.</summary>
public sealed class KernelModule
{
    private IReadOnlyList<SectionInfo>? _sections;
    private IReadOnlyList<ModuleParam>? _params;
    private ModuleLayout? _layout;
    private ModuleKallsyms? _kallsyms;
    private IReadOnlyList<ModVersion>? _versions;

    internal KernelModule(LoadInfo info, ModInfo modinfo, IReadOnlyList<ExportedSymbol> exports, IReadOnlyList<UndefinedSymbol> undefined, string? initSymbol,
        string? exitSymbol, ModuleSignatureInfo signature)
    {
        Info = info;
        ModInfo = modinfo;
        Exports = exports;
        UndefinedSymbols = undefined;
        InitSymbol = initSymbol;
        ExitSymbol = exitSymbol;
        Signature = signature;
        Name = ElfValidity.ThisModuleName(info);
    }

    internal LoadInfo Info { get; }

    /// <summary>mod->name: the name field of .gnu.linkonce.this_module (what /proc/modules shows).</summary>
    public string Name { get; }

    /// <summary>The .modinfo fields.</summary>
    public ModInfo ModInfo { get; }

    /// <summary>The __versions entries as the load sees them (empty with MODULE_INIT_IGNORE_MODVERSIONS or without __versions).</summary>
    public IReadOnlyList<ModVersion> Versions => _versions ??= ModVersions.Read(Info);

    /// <summary>True when check_version has a __versions section to consult (info->index.vers != 0).</summary>
    public bool HasVersions => Info.IndexVers != 0;

    /// <summary>Exported symbols: __ksymtab first, then __ksymtab_gpl, each in table order.</summary>
    public IReadOnlyList<ExportedSymbol> Exports { get; }

    /// <summary>Every SHN_UNDEF symbol after index 0, in symbol table order (what simplify_symbols resolves).</summary>
    public IReadOnlyList<UndefinedSymbol> UndefinedSymbols { get; }

    /// <summary>The symbol wired to struct module's init (normally "init_module"), or null when none.</summary>
    public string? InitSymbol { get; }

    /// <summary>The symbol wired to struct module's exit (normally "cleanup_module"), or null when none.</summary>
    public string? ExitSymbol { get; }

    /// <summary>True when the module has an init function.</summary>
    public bool HasInit => InitSymbol is not null;

    /// <summary>True when the module has an exit function (without one it cannot be unloaded unless forced).</summary>
    public bool HasExit => ExitSymbol is not null;

    /// <summary>The appended signature and the verification outcome.</summary>
    public ModuleSignatureInfo Signature { get; }

    /// <summary>True for a livepatch module (modinfo livepatch=, accepted by Debian's CONFIG_LIVEPATCH=y).</summary>
    public bool IsLivepatch => ModInfo.Livepatch;

    /// <summary>Module parameters from __param, in section order.</summary>
    public IReadOnlyList<ModuleParam> Params => _params ??= ModuleParams.Read(Info, ModInfo);

    /// <summary>
    /// check_version (kernel/module/version.c) for one symbol this module imports: null when the CRC the module
    /// recorded in __versions equals the exporter's (or the exporter has none); otherwise the warning the kernel
    /// logs ("NAME: disagrees about version of symbol SYM" or "NAME: no symbol version for SYM"), after which
    /// resolve_symbol fails with -EINVAL. Without __versions the symbol is accepted through try_to_force_load
    /// and forcedLoad is set (TAINT_FORCED_MODULE).
    /// </summary>
    /// <param name="symbol">The imported symbol.</param>
    /// <param name="exporterCrc">The exporter's CRC, or null when the exporter carries none.</param>
    /// <param name="forcedLoad">Set when the module has no __versions (or they are ignored) and a CRC existed.</param>
    public string? CheckVersion(string symbol, uint? exporterCrc, out bool forcedLoad) =>
        ModVersions.check_version(Info, Info.Name ?? Name, System.Text.Encoding.UTF8.GetBytes(symbol), exporterCrc, out forcedLoad);

    /// <summary>Every section header, index 0 included.</summary>
    public IReadOnlyList<SectionInfo> Sections => _sections ??= ReadSections();

    /// <summary>The memory layout layout_and_allocate computes.</summary>
    public ModuleLayout Layout => _layout ??= LayoutAndAllocate.Compute(Info, IsLivepatch);

    /// <summary>The kallsyms tables add_kallsyms builds and the sections /sys/module/NAME/sections/ lists.</summary>
    public ModuleKallsyms Kallsyms => _kallsyms ??= Elf.Kallsyms.add_kallsyms(Info, Layout, Exports, IsLivepatch);

    /// <summary>
    /// What layout_and_allocate refuses for this file before allocating (module_enforce_rwx_sections: a section
    /// both writable and executable gives -ENOEXEC), or null. The kernel applies it after module_patient_check_exists.
    /// </summary>
    public ModuleRejection? LayoutRejection => LayoutAndAllocate.module_enforce_rwx_sections(Info, Name);

    /// <summary>The number of image bytes the ELF checks covered (info->len after the signature was cut off).</summary>
    public int ImageLength => Info.File.Length;

    private List<SectionInfo> ReadSections()
    {
        var list = new List<SectionInfo>(Info.Shnum);
        for (var i = 0; i < Info.Shnum; i++)
        {
            var s = Info.Sechdrs[i];
            list.Add(new SectionInfo(i, Info.File.SectionName(i), s.sh_type, s.sh_flags, s.sh_offset, s.sh_size,
                s.sh_addralign, s.sh_entsize, s.sh_link, s.sh_info));
        }
        return list;
    }
}
