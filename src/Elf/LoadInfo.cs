// struct load_info (kernel/module/internal.h): the image under load and the section indices
// elf_validity_cache_copy caches (index.info, .mod, .sym, .str, .vers, .pcpu) plus the early name.
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal sealed class LoadInfo
{
    public LoadInfo(ElfFile file) => File = file;

    public ElfFile File { get; }

    /// info->name: .modinfo name= when present, else the name in .gnu.linkonce.this_module; null before known.
    public string? Name { get; set; }

    public int IndexInfo { get; set; }
    public int IndexMod { get; set; }
    public int IndexSym { get; set; }
    public int IndexStr { get; set; }
    public int IndexVers { get; set; }
    public int IndexPcpu { get; set; }

    public Elf64_Shdr[] Sechdrs => File.Sections;

    public int Shnum => File.Sections.Length;

    public ReadOnlySpan<byte> Strtab => File.SectionData(IndexStr);

    /// find_sec: the first SHF_ALLOC section with this name, 0 when none.
    public int FindSec(ReadOnlySpan<byte> name)
    {
        for (var i = 1; i < Shnum; i++)
        {
            if ((Sechdrs[i].sh_flags & Elf64.SHF_ALLOC) != 0 && File.SectionNameBytes(i).SequenceEqual(name))
                return i;
        }
        return 0;
    }

    /// find_any_sec: the first section with this name whatever its flags, 0 when none.
    public int FindAnySec(ReadOnlySpan<byte> name)
    {
        for (var i = 1; i < Shnum; i++)
        {
            if (File.SectionNameBytes(i).SequenceEqual(name))
                return i;
        }
        return 0;
    }

    /// find_any_unique_sec: the index when exactly one section has this name, 0 when none, -count when several.
    public int FindAnyUniqueSec(ReadOnlySpan<byte> name)
    {
        var idx = 0;
        var count = 0;
        for (var i = 1; i < Shnum; i++)
        {
            if (File.SectionNameBytes(i).SequenceEqual(name))
            {
                count++;
                idx = i;
            }
        }
        return count switch { 1 => idx, 0 => 0, _ => -count };
    }

    /// The symbol table entries ((sh_size / sizeof(Elf64_Sym)) of them).
    public int SymbolCount => (int)(File.SectionData(IndexSym).Length / Elf64.Elf64_Sym_size);

    public Elf64_Sym Symbol(int i) =>
        Elf64_Sym.Read(File.SectionData(IndexSym).Slice(i * Elf64.Elf64_Sym_size, Elf64.Elf64_Sym_size));

    public ReadOnlySpan<byte> SymbolName(in Elf64_Sym sym) => ElfFile.CString(Strtab, sym.st_name);
}
