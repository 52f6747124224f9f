// What two ELF readers say about one module, in one shape so they can be compared: the section headers (without
// sh_link and sh_info, which ELFSharp does not expose), each section's bytes, the symbol table, and the notes of
// each note section. ElfSharpView reads it with ELFSharp, OurView with src/Elf (the reader the simulated kernel
// and depmod use).
using ModActors.Elf.Format;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace ModActors.Elf.Tests;

internal sealed record SectionRow(int Index, string Name, uint Type, ulong Flags, ulong Addr, ulong Offset, ulong Size, ulong Align, ulong EntSize);

internal sealed record SymbolRow(int Index, string Name, ulong Value, ulong Size, int Bind, int Type, int Visibility, ushort Shndx);

internal sealed record NoteRow(string Section, string Name, ulong Type, string Descriptor);

internal sealed record ElfView(IReadOnlyList<SectionRow> Sections, IReadOnlyList<byte[]> Contents, IReadOnlyList<SymbolRow> Symbols,
    IReadOnlyList<NoteRow> Notes);

internal static class OurView
{
    /// The view of an image src/Elf accepts as an ELF file (ElfFile.TryOpenLenient); null when it does not.
    public static ElfView? Read(byte[] image)
    {
        if (ElfFile.TryOpenLenient(image) is not { } file)
            return null;
        var sections = new List<SectionRow>();
        var contents = new List<byte[]>();
        var notes = new List<NoteRow>();
        var symtab = -1;
        for (var i = 0; i < file.Sections.Length; i++)
        {
            var s = file.Sections[i];
            sections.Add(new SectionRow(i, file.SectionName(i), s.sh_type, s.sh_flags, s.sh_addr, s.sh_offset, s.sh_size, s.sh_addralign, s.sh_entsize));
            contents.Add(file.SectionData(i).ToArray());
            notes.AddRange(ElfNotes.Read(file, i).Select(n => new NoteRow(file.SectionName(i), n.Name, n.Type, Convert.ToHexString(n.Descriptor))));
            if (s.sh_type == Elf64.SHT_SYMTAB)
                symtab = i;
        }
        var symbols = new List<SymbolRow>();
        if (symtab >= 0)
        {
            var table = file.SectionData(symtab);
            var strtab = file.SectionData((int)file.Sections[symtab].sh_link);
            for (var i = 0; i < table.Length / Elf64.Elf64_Sym_size; i++)
            {
                var sym = Elf64_Sym.Read(table.Slice(i * Elf64.Elf64_Sym_size, Elf64.Elf64_Sym_size));
                symbols.Add(new SymbolRow(i, ElfFile.Decode(ElfFile.CString(strtab, sym.st_name)), sym.st_value, sym.st_size,
                    sym.st_info >> 4, sym.st_info & 0xf, sym.st_other & 3, sym.st_shndx));
            }
        }
        return new ElfView(sections, contents, symbols, notes);
    }
}

internal static class ElfSharpView
{
    /// The view ELFSharp gives of an image, with its known errors undone (ElfSharpKnownErrors); null when it refuses
    /// the file, <paramref name="refusal"/> saying how (TryLoad false, or the name of one of the exceptions it is known
    /// to throw on malformed files, while loading or while being read).
    public static ElfView? Read(byte[] image, out string? refusal)
    {
        refusal = null;
        try
        {
            if (!ELFReader.TryLoad(new MemoryStream(image, writable: false), shouldOwnStream: true, out ELF<ulong> elf))
            {
                refusal = "TryLoad false";
                return null;
            }
            using (elf)
                return View(elf);
        }
        catch (Exception e) when (ElfSharpKnownErrors.IsMalformedFileException(e))
        {
            refusal = e.GetType().Name;
            return null;
        }
    }

    private static ElfView View(ELF<ulong> elf)
    {
        var sections = new List<SectionRow>();
        var contents = new List<byte[]>();
        var notes = new List<NoteRow>();
        var symbols = new List<SymbolRow>();
        for (var i = 0; i < elf.Sections.Count; i++)
        {
            var s = elf.Sections[i];
            sections.Add(new SectionRow(i, s.Name, (uint)s.Type, s.RawFlags, s.LoadAddress, s.Offset, s.Size, s.Alignment, s.EntrySize));
            contents.Add(s.Type == SectionType.NoBits ? [] : s.GetContents());
            if (s is NoteSection<ulong> note && ElfSharpKnownErrors.FirstNote(note) is { } first)
                notes.Add(first);
            if (s is SymbolTable<ulong> table && s.Type == SectionType.SymbolTable)
            {
                var index = 0;
                foreach (var sym in table.Entries)
                    symbols.Add(new SymbolRow(index++, sym.Name, sym.Value, sym.Size, (int)sym.Binding, (int)sym.Type, (int)sym.Visibility,
                        ElfSharpKnownErrors.SectionIndex(sym)));
            }
        }
        return new ElfView(sections, contents, symbols, notes);
    }
}
