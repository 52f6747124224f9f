// The ELFSharp errors ElfSharpKnownErrors maps still happen in the ELFSharp version we build against: if a new
// version fixes one, this says which mapping to drop.
using System.Buffers.Binary;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace ModActors.Elf.Tests;

public class ElfSharpKnownErrorsTests
{
    private static ELF<ulong> Load(byte[] image) => ELFReader.Load<ulong>(new MemoryStream(image, writable: false), shouldOwnStream: true);

    [Fact]
    public void Special_section_indexes_carry_the_wrong_labels()
    {
        Assert.Equal(0, (int)SpecialSectionIndex.Absolute);
        Assert.Equal(0xfff1, (int)SpecialSectionIndex.Common);
        Assert.Equal(0xfff2, (int)SpecialSectionIndex.Undefined);
        using var elf = Load(Fixtures.Bytes("slow.ko"));
        var printk = elf.GetSections<SymbolTable<ulong>>().Single().Entries.Single(s => s.Name == "_printk");
        Assert.True(printk.IsPointedIndexSpecial);
        Assert.Equal(SpecialSectionIndex.Absolute, printk.SpecialPointedSectionIndex);
    }

    [Fact]
    public void A_livepatch_symbol_is_not_special_and_throws_when_its_section_is_asked_for()
    {
        var image = Fixtures.Bytes("slow.ko");
        var symtab = Fixtures.SectionIndex(image, ".symtab");
        var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(Fixtures.Shdr(image, symtab) + 24));
        var patched = Fixtures.Patch16(image, offset + 24 + 6, ElfSharpKnownErrors.SHN_LIVEPATCH);
        Assert.Equal(ElfSharpKnownErrors.SHN_LIVEPATCH, OurView.Read(patched)!.Symbols[1].Shndx);
        using var elf = Load(patched);
        var symbol = elf.GetSections<SymbolTable<ulong>>().Single().Entries.ElementAt(1);
        Assert.False(symbol.IsPointedIndexSpecial);
        Assert.Equal(ElfSharpKnownErrors.SHN_LIVEPATCH, ElfSharpKnownErrors.SectionIndex(symbol));
        Assert.Throws<IndexOutOfRangeException>(() => symbol.PointedSection);
    }

    [Fact]
    public void A_note_section_shows_only_its_first_note()
    {
        var image = Fixtures.Bytes("slow.ko");
        var ours = OurView.Read(image)!.Notes.Where(n => n.Section == ".note.Linux").ToList();
        Assert.Equal(2, ours.Count);
        using var elf = Load(image);
        var note = (NoteSection<ulong>)elf.GetSection(".note.Linux");
        Assert.Equal((ours[0].Name, ours[0].Type, ours[0].Descriptor), (note.NoteName, note.NoteType, Convert.ToHexString(note.Description)));
    }

    [Fact]
    public void Relocation_sections_are_not_parsed()
    {
        using var elf = Load(Fixtures.Bytes("slow.ko"));
        var rela = elf.Sections.Where(s => s.Type == SectionType.RelocationAddends).ToList();
        Assert.NotEmpty(rela);
        Assert.All(rela, s => Assert.Equal(typeof(Section<ulong>), s.GetType()));
    }

    [Fact]
    public void A_truncated_file_throws_from_TryLoad_instead_of_returning_false()
    {
        Assert.Null(OurView.Read(Fixtures.Bytes("trunc.ko")));
        var e = Assert.ThrowsAny<Exception>(() => ELFReader.TryLoad<ulong>(new MemoryStream(Fixtures.Bytes("trunc.ko")), true, out _));
        Assert.True(ElfSharpKnownErrors.IsMalformedFileException(e), e.GetType().Name);
    }
}
