// The SHT_RELA entries that apply to one section, found the way apply_relocations does
// (every RELA section whose sh_info names the target; symbols always from info->index.sym).
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class RelaEntries
{
    /// Every Elf64_Rela applying to the target section, in section then entry order.
    public static List<Elf64_Rela> For(LoadInfo info, int target)
    {
        var list = new List<Elf64_Rela>();
        for (var i = 1; i < info.Shnum; i++)
        {
            var s = info.Sechdrs[i];
            if (s.sh_type != Elf64.SHT_RELA || s.sh_info != (uint)target)
                continue;
            var data = info.File.SectionData(i);
            for (var off = 0; off + Elf64.Elf64_Rela_size <= data.Length; off += Elf64.Elf64_Rela_size)
                list.Add(Elf64_Rela.Read(data.Slice(off, Elf64.Elf64_Rela_size)));
        }
        return list;
    }

    /// The symbol a relocation refers to, or null when its index is outside the symbol table.
    public static Elf64_Sym? Symbol(LoadInfo info, in Elf64_Rela rela)
    {
        var idx = Elf64.ELF64_R_SYM(rela.r_info);
        return idx < (uint)info.SymbolCount ? info.Symbol((int)idx) : null;
    }

    /// The NUL-terminated string a pointer relocation (symbol + addend) designates inside the module, or null.
    public static string? TargetString(LoadInfo info, in Elf64_Rela rela)
    {
        if (Symbol(info, rela) is not { } sym || sym.st_shndx == Elf64.SHN_UNDEF || sym.st_shndx >= info.Shnum)
            return null;
        var offset = unchecked(sym.st_value + (ulong)rela.r_addend);
        var data = info.File.SectionData(sym.st_shndx);
        return offset < (ulong)data.Length ? ElfFile.Decode(ElfFile.CString(data, offset)) : null;
    }
}
