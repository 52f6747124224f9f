// A zero-copy view of one ELF-64 image: the header, the decoded section header table and bounded
// access to section bytes and NUL-terminated strings.
// Why our own reader and not ELFSharp (2.17.3), which the tests use as an independent second reader
// (tests/Elf.Tests/ElfSharpSecondReaderTests.cs): on the 4,230 modules of Debian's 6.12 tree ELFSharp reads
// every section and symbol as we do, but it labels special section indexes wrongly (SHN_UNDEF reported as
// Absolute, SHN_ABS as Common; a SHN_LIVEPATCH symbol's section lookup throws), does not parse SHT_RELA, does
// not expose sh_link or sh_info, exposes only the first note of a note section, throws eight different
// exception types on malformed files (six reproduced on corrupted fixtures, one even from TryLoad:
// tests/Elf.Tests/ElfSharpMalformedFileTests.cs) and accepts some the kernel rejects (a .symtab whose sh_link
// is 0; a crafted .strtab size made it allocate 2.1 GB), and it is slower:
// about 4x in the measurement (depmod would go from ~0.4x kmod's CPU time to ~0.95x), 7.8x here
// on the whole tree for the same sections, names, symbols and notes (bench/ElfSecondReaderBenchmarks.cs,
// 2026-12-02, a loaded 2-core machine: 337 ms against 2,636 ms, 97 MB against 666 MB allocated). Above all,
// the kernel's checks (elf_validity_cache_copy and the ones after it) must run on the raw bytes in the
// kernel's order, with its errno and log text for each malformed field, which a reader that parses first
// and throws cannot give. So the simulated kernel and depmod read through this class.
using System.Text;

namespace ModActors.Elf.Format;

internal sealed class ElfFile
{
    private ElfFile(ReadOnlyMemory<byte> image, Elf64_Ehdr header, Elf64_Shdr[] sections)
    {
        Image = image;
        Header = header;
        Sections = sections;
    }

    /// The image bytes the loader works on (info->hdr, info->len).
    public ReadOnlyMemory<byte> Image { get; }

    public Elf64_Ehdr Header { get; }

    /// info->sechdrs: e_shnum entries, entry 0 included.
    public Elf64_Shdr[] Sections { get; }

    public int Length => Image.Length;

    /// Decodes the header and the section header table, which the caller has checked lie inside the image.
    public static ElfFile Create(ReadOnlyMemory<byte> image)
    {
        var span = image.Span;
        var header = Elf64_Ehdr.Read(span);
        var sections = new Elf64_Shdr[header.e_shnum];
        var table = span.Slice((int)header.e_shoff, header.e_shnum * Elf64.Elf64_Shdr_size);
        for (var i = 0; i < sections.Length; i++)
            sections[i] = Elf64_Shdr.Read(table.Slice(i * Elf64.Elf64_Shdr_size, Elf64.Elf64_Shdr_size));
        return new ElfFile(image, header, sections);
    }

    /// Opens any ELF-64 little-endian image whose section header table lies inside it (used for linker
    /// output in tests and tools); null when it does not.
    public static ElfFile? TryOpenLenient(ReadOnlyMemory<byte> image)
    {
        if (image.Length < Elf64.Elf64_Ehdr_size || !image.Span[..Elf64.SELFMAG].SequenceEqual(Elf64.ELFMAG))
            return null;
        var header = Elf64_Ehdr.Read(image.Span);
        if (header.e_shentsize != Elf64.Elf64_Shdr_size || header.e_shoff >= (ulong)image.Length
            || (ulong)header.e_shnum * Elf64.Elf64_Shdr_size > (ulong)image.Length - header.e_shoff)
            return null;
        return Create(image);
    }

    /// The section's bytes in the file; empty for SHT_NOBITS or for a range outside the image.
    public ReadOnlySpan<byte> SectionData(int index) => SectionMemory(index).Span;

    public ReadOnlyMemory<byte> SectionMemory(int index)
    {
        if ((uint)index >= (uint)Sections.Length)
            return ReadOnlyMemory<byte>.Empty;
        var s = Sections[index];
        if (s.sh_type == Elf64.SHT_NOBITS || !Fits(s.sh_offset, s.sh_size, (ulong)Length))
            return ReadOnlyMemory<byte>.Empty;
        return Image.Slice((int)s.sh_offset, (int)s.sh_size);
    }

    /// The section's name bytes (secstrings + sh_name), up to the NUL or the end of the table.
    public ReadOnlySpan<byte> SectionNameBytes(int index)
    {
        if ((uint)index >= (uint)Sections.Length)
            return default;
        return CString(SectionData(Header.e_shstrndx), Sections[index].sh_name);
    }

    public string SectionName(int index) => Decode(SectionNameBytes(index));

    /// The string starting at offset in table, ending at its NUL or at the end of the table.
    public static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> table, ulong offset)
    {
        if (offset >= (ulong)table.Length)
            return default;
        var rest = table[(int)offset..];
        var nul = rest.IndexOf((byte)0);
        return nul < 0 ? rest : rest[..nul];
    }

    /// True when [offset, offset+size) lies within length without wrapping.
    public static bool Fits(ulong offset, ulong size, ulong length) =>
        offset <= length && size <= length - offset;

    /// Kernel strings are bytes; we show them as UTF-8 (invalid bytes become U+FFFD).
    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
