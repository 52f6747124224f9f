// layout_and_allocate's arithmetic (kernel/module/main.c, kallsyms.c, strict_rwx.c):
// module_enforce_rwx_sections, the SHF_ALLOC edits of rewrite_section_headers / layout_and_allocate
// (.modinfo, __versions and .data..percpu dropped; .data..ro_after_init and __jump_table marked
// SHF_RO_AFTER_INIT), __layout_sections' mask order, module_get_offset_and_type's alignment,
// layout_symtab's kallsyms space and module_memory_alloc's PAGE_ALIGN. Sizes are unsigned int as in
// struct module_memory, so they wrap exactly like the kernel's on absurd inputs.
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class LayoutAndAllocate
{
    private const int SizeofModKallsyms = 32;
    private const int AlignofModKallsyms = 8;

    private static readonly (ulong Required, ulong Excluded)[] Masks =
    [
        (Elf64.SHF_EXECINSTR | Elf64.SHF_ALLOC, Elf64.ARCH_SHF_SMALL),
        (Elf64.SHF_ALLOC, Elf64.SHF_WRITE | Elf64.ARCH_SHF_SMALL),
        (Elf64.SHF_RO_AFTER_INIT | Elf64.SHF_ALLOC, Elf64.ARCH_SHF_SMALL),
        (Elf64.SHF_WRITE | Elf64.SHF_ALLOC, Elf64.ARCH_SHF_SMALL),
        (Elf64.ARCH_SHF_SMALL | Elf64.SHF_ALLOC, 0),
    ];

    private static readonly ModMemType[] CoreMToMemType =
        [ModMemType.Text, ModMemType.Rodata, ModMemType.RoAfterInit, ModMemType.Data, ModMemType.Data];

    private static readonly ModMemType?[] InitMToMemType =
        [ModMemType.InitText, ModMemType.InitRodata, null, ModMemType.InitData, ModMemType.InitData];

    /// module_enforce_rwx_sections (CONFIG_STRICT_MODULE_RWX=y): no section may be both writable and executable.
    public static ModuleRejection? module_enforce_rwx_sections(LoadInfo info, string modName)
    {
        const ulong shf_wx = Elf64.SHF_WRITE | Elf64.SHF_EXECINSTR;
        for (var i = 0; i < info.Shnum; i++)
        {
            if ((info.Sechdrs[i].sh_flags & shf_wx) == shf_wx)
                return ModuleRejection.NoExec(nameof(module_enforce_rwx_sections),
                    $"{modName}: section {info.File.SectionName(i)} (index {i}) has invalid WRITE|EXEC flags");
        }
        return null;
    }

    public static ModuleLayout Compute(LoadInfo info, bool isLivepatch)
    {
        var n = info.Shnum;
        var flags = new ulong[n];
        for (var i = 0; i < n; i++)
            flags[i] = info.Sechdrs[i].sh_flags;

        // rewrite_section_headers: track but don't keep modinfo and version sections.
        flags[info.IndexVers] &= ~Elf64.SHF_ALLOC;
        flags[info.IndexInfo] &= ~Elf64.SHF_ALLOC;
        // layout_and_allocate: per-cpu sections get their own allocation; ro_after_init marking.
        flags[info.IndexPcpu] &= ~Elf64.SHF_ALLOC;
        var ndx = FindSec(info, flags, ".data..ro_after_init"u8);
        if (ndx != 0)
            flags[ndx] |= Elf64.SHF_RO_AFTER_INIT;
        ndx = FindSec(info, flags, "__jump_table"u8);
        if (ndx != 0)
            flags[ndx] |= Elf64.SHF_RO_AFTER_INIT;

        var sizes = new uint[7];
        var placements = new SectionPlacement[n];
        var placed = new bool[n];
        __layout_sections(info, flags, sizes, placements, placed, isInit: false);
        __layout_sections(info, flags, sizes, placements, placed, isInit: true);
        var kallsyms = layout_symtab(info, flags, sizes, placements, isLivepatch);

        var allocated = new uint[7];
        for (var t = 0; t < 7; t++)
            allocated[t] = (uint)((sizes[t] + (ulong)ModuleLayout.PageSize - 1) & ~(ulong)(ModuleLayout.PageSize - 1));
        return new ModuleLayout(allocated, sizes, placements, kallsyms, flags);
    }

    private static int FindSec(LoadInfo info, ulong[] flags, ReadOnlySpan<byte> name)
    {
        for (var i = 1; i < info.Shnum; i++)
        {
            if ((flags[i] & Elf64.SHF_ALLOC) != 0 && info.File.SectionNameBytes(i).SequenceEqual(name))
                return i;
        }
        return 0;
    }

    private static bool module_init_layout_section(ReadOnlySpan<byte> sname) => sname.StartsWith(".init"u8);

    private static void __layout_sections(LoadInfo info, ulong[] flags, uint[] sizes, SectionPlacement[] placements,
        bool[] placed, bool isInit)
    {
        for (var m = 0; m < Masks.Length; m++)
        {
            var type = isInit ? InitMToMemType[m] : CoreMToMemType[m];
            for (var i = 0; i < info.Shnum; i++)
            {
                var f = flags[i];
                if ((f & Masks[m].Required) != Masks[m].Required || (f & Masks[m].Excluded) != 0 || placed[i]
                    || isInit != module_init_layout_section(info.File.SectionNameBytes(i)))
                    continue;
                if (type is not { } t)
                    continue;
                placements[i] = new SectionPlacement(t, module_get_offset_and_type(sizes, t, info.Sechdrs[i]));
                placed[i] = true;
            }
        }
    }

    private static uint module_get_offset_and_type(uint[] sizes, ModMemType type, in Elf64_Shdr s)
    {
        var offset = Align(sizes[(int)type], s.sh_addralign == 0 ? 1 : s.sh_addralign);
        sizes[(int)type] = (uint)(offset + s.sh_size);
        return (uint)offset;
    }

    private static ulong Align(ulong x, ulong a) => (x + (a - 1)) & ~(a - 1);

    private static KallsymsLayout layout_symtab(LoadInfo info, ulong[] flags, uint[] sizes,
        SectionPlacement[] placements, bool isLivepatch)
    {
        var symsect = info.Sechdrs[info.IndexSym];
        var strsect = info.Sechdrs[info.IndexStr];
        var initData = (int)ModMemType.InitData;

        flags[info.IndexSym] |= Elf64.SHF_ALLOC;
        flags[info.IndexStr] |= Elf64.SHF_ALLOC;
        placements[info.IndexSym] = new SectionPlacement(ModMemType.InitData,
            module_get_offset_and_type(sizes, ModMemType.InitData, symsect));

        var nsrc = info.SymbolCount;
        var symtab = info.File.SectionData(info.IndexSym);
        var strtab = info.Strtab;
        uint ndst = 0, strtabSize = 0;
        for (var i = 0; i < nsrc; i++)
        {
            var sym = Elf64_Sym.Read(symtab.Slice(i * Elf64.Elf64_Sym_size, Elf64.Elf64_Sym_size));
            if (i == 0 || isLivepatch || is_core_symbol(sym, info, flags, placements))
            {
                strtabSize += (uint)ElfFile.CString(strtab, sym.st_name).Length + 1;
                ndst++;
            }
        }

        var dataSize = sizes[(int)ModMemType.Data];
        var symoffs = (uint)Align(dataSize, symsect.sh_addralign == 0 ? 1 : symsect.sh_addralign);
        var stroffs = symoffs + ndst * Elf64.Elf64_Sym_size;
        var coreTypeOffs = stroffs + strtabSize;
        sizes[(int)ModMemType.Data] = coreTypeOffs + ndst;

        placements[info.IndexStr] = new SectionPlacement(ModMemType.InitData,
            module_get_offset_and_type(sizes, ModMemType.InitData, strsect));

        var initKallsymsOff = (uint)Align(sizes[initData], AlignofModKallsyms);
        var initTypeOffs = initKallsymsOff + SizeofModKallsyms;
        sizes[initData] = initTypeOffs + (uint)nsrc;
        return new KallsymsLayout(symoffs, stroffs, coreTypeOffs, initKallsymsOff, initTypeOffs, (int)ndst);
    }

    /// is_core_symbol with CONFIG_KALLSYMS_ALL=y: a named symbol of a kept, non-init allocated section.
    internal static bool is_core_symbol(in Elf64_Sym src, LoadInfo info, ulong[] flags, SectionPlacement[] placements)
    {
        if (src.st_shndx == Elf64.SHN_UNDEF || src.st_shndx >= info.Shnum || src.st_name == 0)
            return false;
        if (src.st_shndx == info.IndexPcpu)
            return true;
        if ((flags[src.st_shndx] & Elf64.SHF_ALLOC) == 0)
            return false;
        return placements[src.st_shndx].Type is not (ModMemType.InitText or ModMemType.InitData or ModMemType.InitRodata);
    }
}
