// A module's kallsyms tables (kernel/module/kallsyms.c): add_kallsyms builds mod->kallsyms over the whole
// symbol table (in MOD_INIT_DATA, used until do_init_module switches) and core_kallsyms, the cut-down copy
// in MOD_DATA that layout_symtab sized: symbol 0, every is_core_symbol (named, defined, in a kept non-init
// allocated section, or per-cpu), or every symbol of a livepatch module. Each symbol's type letter is
// elf_type's, taken with the section flags as layout_and_allocate left them; is_exported (the symbol is in
// mod->syms, the non-GPL __ksymtab) makes s_show print it upper case. Also the sections add_sect_attrs
// lists in /sys/module/NAME/sections (every section not sect_empty).
using ModActors.Elf.Format;

namespace ModActors.Elf;

/// <summary>One entry of a module's kallsyms symbol table.</summary>
/// <param name="Index">Its index in the module's .symtab (0 is the null symbol).</param>
/// <param name="Name">st_name's string ("" for section symbols and symbol 0, which /proc/kallsyms skips).</param>
/// <param name="Type">elf_type's letter as the typetab holds it (t, d, r, b, a, U, w, v, ?, n ...).</param>
/// <param name="Exported">is_exported: the name is in the module's non-GPL __ksymtab.</param>
/// <param name="Core">Kept in core_kallsyms, so still listed once init memory is freed.</param>
/// <param name="Placement">The memory type the symbol's section went to, or null (undefined, absolute, not allocated).</param>
/// <param name="Offset">Where the symbol lands in mod->mem[Placement]: its section's offset there plus st_value.</param>
public sealed record KallsymsSymbol(int Index, string Name, char Type, bool Exported, bool Core, ModMemType? Placement,
    ulong Offset)
{
    /// <summary>The letter /proc/kallsyms prints (s_show): upper case when exported, lower case otherwise.</summary>
    public char ShownType => Exported ? char.ToUpperInvariant(Type) : char.ToLowerInvariant(Type);
}

/// <summary>A section add_sect_attrs shows in /sys/module/NAME/sections, and where move_module put it.</summary>
/// <param name="Name">The section's name.</param>
/// <param name="Type">The memory type it went to.</param>
/// <param name="Offset">Its offset in mod->mem[Type].</param>
public sealed record LoadedSection(string Name, ModMemType Type, uint Offset);

/// <summary>The kallsyms tables of a module and the sections it shows in sysfs.</summary>
public sealed class ModuleKallsyms
{
    internal ModuleKallsyms(IReadOnlyList<KallsymsSymbol> symtab, IReadOnlyList<LoadedSection> sections)
    {
        Symtab = symtab;
        CoreSymtab = [.. symtab.Where(s => s.Core)];
        Sections = sections;
    }

    /// <summary>mod->kallsyms as add_kallsyms sets it: every symbol of .symtab, in order.</summary>
    public IReadOnlyList<KallsymsSymbol> Symtab { get; }

    /// <summary>mod->core_kallsyms: what do_init_module switches to before freeing init memory.</summary>
    public IReadOnlyList<KallsymsSymbol> CoreSymtab { get; }

    /// <summary>The /sys/module/NAME/sections/ entries, in section-header order (add_sect_attrs).</summary>
    public IReadOnlyList<LoadedSection> Sections { get; }

    /// <summary>
    /// The init-text functions ftrace has records for (the __mcount_loc entries in MOD_INIT_TEXT, ascending), each
    /// named as kallsyms_lookup names its address (the closest preceding named symbol, the first of equals), with
    /// its offset in MOD_INIT_TEXT: what ftrace_free_mem saves when a tracer is active.
    /// </summary>
    public IReadOnlyList<(string Name, ulong Offset)> FtraceInitFuncs { get; internal init; } = [];
}

internal static class Kallsyms
{
    public static ModuleKallsyms add_kallsyms(LoadInfo info, ModuleLayout layout, IReadOnlyList<ExportedSymbol> exports,
        bool isLivepatch)
    {
        var flags = layout.SectionFlags;
        var exported = new HashSet<string>(exports.Where(e => !e.IsGplOnly).Select(e => e.Name), StringComparer.Ordinal);
        var symtab = info.File.SectionData(info.IndexSym);
        var strtab = info.Strtab;
        var list = new List<KallsymsSymbol>(info.SymbolCount);
        for (var i = 0; i < info.SymbolCount; i++)
        {
            var sym = Elf64_Sym.Read(symtab.Slice(i * Elf64.Elf64_Sym_size, Elf64.Elf64_Sym_size));
            var name = ElfFile.Decode(ElfFile.CString(strtab, sym.st_name));
            var core = i == 0 || isLivepatch || LayoutAndAllocate.is_core_symbol(sym, info, flags, layout.Placements);
            var placement = sym.st_shndx is > Elf64.SHN_UNDEF && sym.st_shndx < info.Shnum
                ? layout.Placements[sym.st_shndx]
                : default;
            list.Add(new KallsymsSymbol(i, name, elf_type(sym, info, flags), exported.Contains(name), core, placement.Type,
                placement.Offset + sym.st_value));
        }
        var sections = new List<LoadedSection>();
        for (var i = 0; i < info.Shnum; i++)
        {
            if (!sect_empty(flags[i], info.Sechdrs[i].sh_size) && layout.Placements[i] is { Type: { } type, Offset: var offset })
                sections.Add(new LoadedSection(info.File.SectionName(i), type, offset));
        }
        return new ModuleKallsyms(list, sections) { FtraceInitFuncs = ftrace_init_funcs(info, layout, list) };
    }

    /// The __mcount_loc records (R_X86_64_64 relocations: section symbol + addend) that land in MOD_INIT_TEXT.
    private static List<(string, ulong)> ftrace_init_funcs(LoadInfo info, ModuleLayout layout, List<KallsymsSymbol> symtab)
    {
        var result = new List<(string, ulong)>();
        var mcount = info.FindSec("__mcount_loc"u8);
        if (mcount == 0)
            return result;
        var ips = new List<ulong>();
        foreach (var rela in RelaEntries.For(info, mcount))
        {
            if (RelaEntries.Symbol(info, rela) is not { } sym || sym.st_shndx == Elf64.SHN_UNDEF || sym.st_shndx >= info.Shnum
                || layout.Placements[sym.st_shndx] is not { Type: ModMemType.InitText, Offset: var secOff })
                continue;
            ips.Add(unchecked(secOff + sym.st_value + (ulong)rela.r_addend));
        }
        ips.Sort();
        foreach (var ip in ips)
        {
            KallsymsSymbol? best = null;
            foreach (var s in symtab)
            {
                if (s.Placement != ModMemType.InitText || s.Type == 'U' || s.Name.Length == 0 || s.Offset > ip)
                    continue;
                if (best is null || s.Offset > best.Offset)
                    best = s;
            }
            if (best is not null)
                result.Add((best.Name, best.Offset));
        }
        return result;
    }

    /// sect_empty (internal.h): a section without SHF_ALLOC or of size 0 is not shown.
    private static bool sect_empty(ulong flags, ulong size) => (flags & Elf64.SHF_ALLOC) == 0 || size == 0;

    /// elf_type (kallsyms.c, "as per nm"), with ARCH_SHF_SMALL 0 on x86-64.
    private static char elf_type(in Elf64_Sym sym, LoadInfo info, ulong[] flags)
    {
        if (Elf64.ELF64_ST_BIND(sym.st_info) == Elf64.STB_WEAK)
            return Elf64.ELF64_ST_TYPE(sym.st_info) == STT_OBJECT ? 'v' : 'w';
        if (sym.st_shndx == Elf64.SHN_UNDEF)
            return 'U';
        if (sym.st_shndx == Elf64.SHN_ABS || (info.IndexPcpu != 0 && sym.st_shndx == info.IndexPcpu))
            return 'a';
        if (sym.st_shndx >= SHN_LORESERVE || sym.st_shndx >= info.Shnum)
            return '?';
        var f = flags[sym.st_shndx];
        var type = info.Sechdrs[sym.st_shndx].sh_type;
        if ((f & Elf64.SHF_EXECINSTR) != 0)
            return 't';
        if ((f & Elf64.SHF_ALLOC) != 0 && type != Elf64.SHT_NOBITS)
            return (f & Elf64.SHF_WRITE) == 0 ? 'r' : 'd';
        if (type == Elf64.SHT_NOBITS)
            return 'b';
        if (info.File.SectionNameBytes(sym.st_shndx).StartsWith(".debug"u8))
            return 'n';
        return '?';
    }

    private const byte STT_OBJECT = 1;
    private const ushort SHN_LORESERVE = 0xff00;
}
