// Corrupted copies of slow.ko through both readers: src/Elf never throws and gives the kernel's verdict (the file
// checks of load_module, KernelModuleReader), while ELFSharp throws one of its known exception types, or reads a
// file the kernel rejects. Each case pins what ELFSharp does, so the list in ElfSharpKnownErrors stays exact. Some
// files the kernel accepts are ones ELFSharp cannot read: elf_validity_ehdr checks ELFMAG, e_type and e_machine but
// not EI_CLASS or EI_DATA, and the loader never parses notes (sysfs copies note sections whole).
using System.Buffers.Binary;

namespace ModActors.Elf.Tests;

public class ElfSharpMalformedFileTests
{
    private const int Symtab = 38, Strtab = 39, Shstrtab = 40, NoteLinux = 23, Modinfo = 10;

    private static readonly byte[] Slow = Fixtures.Bytes("slow.ko");

    private static int Offset(int section) => (int)BinaryPrimitives.ReadUInt64LittleEndian(Slow.AsSpan(Fixtures.Shdr(Slow, section) + 24));

    private static byte[] Corrupt(string name) => name switch
    {
        "e_shoff past the end" => Fixtures.Patch64(Slow, 40, (ulong)Slow.Length + 64),
        "e_shnum 0xffff" => Fixtures.Patch16(Slow, 60, 0xffff),
        "e_shstrndx 99" => Fixtures.Patch16(Slow, 62, 99),
        "e_shentsize 32" => Fixtures.Patch16(Slow, 58, 32),
        "ELFCLASS32" => Fixtures.Patch16(Slow, 4, 0x0101),
        "ELFDATA2MSB" => Fixtures.Patch16(Slow, 4, 0x0202),
        "shstrtab past the end" => Fixtures.Patch64(Slow, Fixtures.Shdr(Slow, Shstrtab) + 32, (ulong)Slow.Length),
        "strtab claims 1 MiB" => Fixtures.Patch64(Slow, Fixtures.Shdr(Slow, Strtab) + 32, 1 << 20),
        "symtab past the end" => Fixtures.Patch64(Slow, Fixtures.Shdr(Slow, Symtab) + 32, (ulong)Slow.Length),
        "symtab sh_link 0" => Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, Symtab) + 40, 0),
        "symtab sh_link 99" => Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, Symtab) + 40, 99),
        "sh_name past shstrtab" => Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, 2), 0x100000),
        "symbol name past strtab" => Fixtures.Patch32(Slow, Offset(Symtab) + 24, 0x100000),
        "note section of 7 bytes" => Fixtures.Patch64(Slow, Fixtures.Shdr(Slow, NoteLinux) + 32, 7),
        "note n_namesz 0x7fffffff" => Fixtures.Patch32(Slow, Offset(NoteLinux), 0x7fffffff),
        ".modinfo typed SHT_SYMTAB" => Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, Modinfo) + 4, 2),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("e_shoff past the end", false, "EndOfStreamException")]
    [InlineData("e_shnum 0xffff", false, "EndOfStreamException")]
    [InlineData("e_shstrndx 99", false, "ArgumentOutOfRangeException")]
    [InlineData("e_shentsize 32", false, "InvalidOperationException")]
    [InlineData("ELFCLASS32", true, "EndOfStreamException")]
    [InlineData("ELFDATA2MSB", true, "ArgumentException")]
    [InlineData("shstrtab past the end", false, "EndOfStreamException")]
    [InlineData("strtab claims 1 MiB", false, "EndOfStreamException")]
    [InlineData("symtab past the end", false, "IndexOutOfRangeException")]
    [InlineData("sh_name past shstrtab", false, "IndexOutOfRangeException")]
    [InlineData("symbol name past strtab", true, "IndexOutOfRangeException")]
    [InlineData("note section of 7 bytes", true, null)]
    [InlineData("note n_namesz 0x7fffffff", true, "OverflowException")]
    [InlineData(".modinfo typed SHT_SYMTAB", false, "IndexOutOfRangeException")]
    [InlineData("symtab sh_link 0", false, null)]
    [InlineData("symtab sh_link 99", false, null)]
    public void A_corrupted_module_gets_the_kernels_verdict_from_src_elf_and_a_known_exception_or_a_read_from_elfsharp(string corruption,
        bool kernelAccepts, string? elfSharpThrows)
    {
        var image = Corrupt(corruption);
        Assert.Equal(kernelAccepts, KernelModuleReader.Read(image).IsOk);
        _ = OurView.Read(image);
        var view = ElfSharpView.Read(image, out var refusal);
        Assert.Equal(elfSharpThrows, refusal);
        Assert.Equal(elfSharpThrows is null, view is not null);
    }

    [Fact]
    public void Every_known_exception_type_is_pinned_by_a_case()
    {
        var pinned = typeof(ElfSharpMalformedFileTests).GetMethod(nameof(A_corrupted_module_gets_the_kernels_verdict_from_src_elf_and_a_known_exception_or_a_read_from_elfsharp))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => a.GetData(null!).Single()[2] as string).OfType<string>().ToHashSet();
        Assert.Equal(ElfSharpKnownErrors.MalformedFileExceptions.Select(t => t.Name).Order(), pinned.Order());
    }
}
