// The memory a module occupies: mod->mem[type].size per mod_mem_type after layout_and_allocate
// (layout_sections + layout_symtab, then module_memory_alloc's PAGE_ALIGN), which is what
// module_total_size sums for the size column of /proc/modules.
namespace ModActors.Elf;

/// <summary>Per-type sizes of a laid-out module, and where each SHF_ALLOC section goes.</summary>
public sealed class ModuleLayout
{
    internal const uint PageSize = 4096;
    private readonly uint[] _sizes;

    internal ModuleLayout(uint[] sizes, uint[] rawSizes, SectionPlacement[] placements, KallsymsLayout kallsyms,
        ulong[] sectionFlags)
    {
        SectionFlags = sectionFlags;
        _sizes = sizes;
        RawSizes = rawSizes;
        Placements = placements;
        Kallsyms = kallsyms;
    }

    /// <summary>mod->mem[type].size once allocated (page aligned; 0 when the type is empty).</summary>
    public uint Size(ModMemType type) => _sizes[(int)type];

    /// <summary>The sum over MOD_TEXT, MOD_DATA, MOD_RODATA, MOD_RO_AFTER_INIT: /proc/modules once the module is live.</summary>
    public uint CoreSize => Size(ModMemType.Text) + Size(ModMemType.Data) + Size(ModMemType.Rodata) + Size(ModMemType.RoAfterInit);

    /// <summary>The sum over the three init types, freed by do_init_module once init succeeded.</summary>
    public uint InitSize => Size(ModMemType.InitText) + Size(ModMemType.InitData) + Size(ModMemType.InitRodata);

    /// <summary>module_total_size while the module is still COMING (init memory not yet freed).</summary>
    public uint TotalSize => CoreSize + InitSize;

    /// Sizes before PAGE_ALIGN (the end of the last section of each type).
    internal uint[] RawSizes { get; }

    /// Per section index: where move_module copies it; Type is null for sections not allocated.
    internal SectionPlacement[] Placements { get; }

    internal KallsymsLayout Kallsyms { get; }

    /// Per section index: sh_flags once layout_and_allocate and layout_symtab edited them (SHF_ALLOC dropped from
    /// .modinfo, __versions and .data..percpu, added to .symtab and .strtab; SHF_RO_AFTER_INIT marked).
    internal ulong[] SectionFlags { get; }
}

/// Where one section lands: mod->mem[Type].base + Offset (the kernel packs both into sh_entsize).
internal readonly record struct SectionPlacement(ModMemType? Type, uint Offset);

/// layout_symtab's offsets of the core kallsyms copy in MOD_DATA and of mod_kallsyms in MOD_INIT_DATA.
internal readonly record struct KallsymsLayout(uint SymOffs, uint StrOffs, uint CoreTypeOffs, uint InitKallsymsOff,
    uint InitTypeOffs, int CoreSymbolCount);
