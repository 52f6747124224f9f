// ELFSharp 2.17.3's known errors and gaps, in one place, as measured on Debian's 6.12 module tree (4,230 modules)
// and the fixtures; the second-reader tests compare src/Elf with ELFSharp only where ELFSharp is right:
// - special section indexes are labelled wrongly: SpecialSectionIndex names 0 (SHN_UNDEF) "Absolute", 0xfff1
//   (SHN_ABS) "Common" and 0xfff2 (SHN_COMMON) "Undefined"; the numbers are right, so they are compared as numbers;
// - SHN_LIVEPATCH (0xff20) is not treated as special: the index is right as a number, but asking for the symbol's
//   section (PointedSection) throws IndexOutOfRangeException;
// - SHT_RELA sections are not parsed (a plain Section: only headers and bytes can be compared);
// - sh_link and sh_info are not exposed (not compared; the symbol names, read through .symtab's sh_link, check it);
// - a note section exposes only its first note (NoteSection.NoteName/NoteType/Description);
// - symbol names come from the section named .strtab whatever .symtab's sh_link says;
// - a note section too short for a note header gives a note with a null name and descriptor;
// - malformed files: it throws one of six exception types here (the issue counted eight on its own corpus), some
//   from TryLoad itself, some only when a section, symbol or note is read, or it reads files the kernel rejects; it
//   allocates a section's stated size before reading it (a .strtab claiming 2.1 GB allocates 2.1 GB).
//   ElfSharpMalformedFileTests pins each type to a corrupted fixture.
using ELFSharp.ELF.Sections;

namespace ModActors.Elf.Tests;

internal static class ElfSharpKnownErrors
{
    public const ushort SHN_LIVEPATCH = 0xff20;

    /// <summary>The exception types ELFSharp throws (from TryLoad too) on malformed files.</summary>
    public static readonly IReadOnlySet<Type> MalformedFileExceptions = new HashSet<Type>
    {
        typeof(EndOfStreamException),
        typeof(ArgumentOutOfRangeException),
        typeof(ArgumentException),
        typeof(InvalidOperationException),
        typeof(IndexOutOfRangeException),
        typeof(OverflowException),
    };

    public static bool IsMalformedFileException(Exception e) => MalformedFileExceptions.Contains(e.GetType());

    /// st_shndx as ELFSharp gives it: the special index as a number (its label is wrong), else the section index.
    public static ushort SectionIndex(SymbolEntry<ulong> symbol) =>
        symbol.IsPointedIndexSpecial ? (ushort)symbol.SpecialPointedSectionIndex : symbol.PointedSectionIndex;

    /// The note ELFSharp shows for a note section; null when the section is too short to hold one.
    public static NoteRow? FirstNote(NoteSection<ulong> note) =>
        note.Description is null ? null : new NoteRow(note.Name, note.NoteName, note.NoteType, Convert.ToHexString(note.Description));

    /// Our view as ELFSharp can give it: only the first note of each note section.
    public static ElfView AsElfSharpSeesIt(ElfView ours) => ours with
    {
        Notes = ours.Notes.GroupBy(n => n.Section).Select(g => g.First()).ToList(),
    };
}
