// Where the fields a field-aware .ko mutator aims at sit in a (valid) base image: the ELF header, each
// section header (Elf64_Shdr), the symbols of .symtab, the entries of every SHT_RELA section, the
// .modinfo strings, the struct kernel_param entries of __param and the module signature trailer.
using System.Buffers.Binary;
using System.Text;

namespace ModActors.Scenarios.Fuzzing;

/// <summary>One section of the base image.</summary>
internal sealed record KoSection(int Index, string Name, uint Type, long HeaderOffset, long Offset, long Size, long EntSize, uint Info);

/// <summary>The offsets of a base image's fields.</summary>
internal sealed class KoLayout
{
    public const int EhdrSize = 64;
    public const int ShdrSize = 64;
    public const int SymSize = 24;
    public const int RelaSize = 24;
    public const int KernelParamSize = 40;
    public const uint SHT_RELA = 4;
    public const uint SHT_SYMTAB = 2;

    private static readonly byte[] SigMagic = Encoding.ASCII.GetBytes("~Module signature appended~\n");

    private KoLayout(byte[] image, List<KoSection> sections, int signatureOffset)
    {
        Image = image;
        Sections = sections;
        SignatureOffset = signatureOffset;
    }

    public byte[] Image { get; }

    public IReadOnlyList<KoSection> Sections { get; }

    /// <summary>The offset of struct module_signature (12 bytes before the magic), or -1 when unsigned.</summary>
    public int SignatureOffset { get; }

    public KoSection? Find(string name) => Sections.FirstOrDefault(s => s.Name == name);

    public IEnumerable<KoSection> OfType(uint type) => Sections.Where(s => s.Type == type);

    /// <summary>Reads a base image's layout; sections whose header or data lie outside the file are left out.</summary>
    public static KoLayout Parse(byte[] image)
    {
        var sections = new List<KoSection>();
        var span = image.AsSpan();
        var sigOffset = -1;
        var elfEnd = image.Length;
        if (span.EndsWith(SigMagic) && image.Length >= SigMagic.Length + 12)
        {
            sigOffset = image.Length - SigMagic.Length - 12;
            var sigLen = BinaryPrimitives.ReadUInt32BigEndian(span[(sigOffset + 8)..]);
            elfEnd = (int)Math.Max(0, sigOffset - sigLen);
        }
        if (elfEnd < EhdrSize)
            return new KoLayout(image, sections, sigOffset);
        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(span[40..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[60..]);
        var shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(span[62..]);
        if (shoff > (ulong)elfEnd || (ulong)elfEnd - shoff < (ulong)shnum * ShdrSize || shstrndx >= shnum)
            return new KoLayout(image, sections, sigOffset);
        var raw = new List<(long H, uint Name, uint Type, long Off, long Size, long Ent, uint Info)>();
        for (var i = 0; i < shnum; i++)
        {
            var h = (int)shoff + i * ShdrSize;
            var s = span[h..];
            raw.Add((h, BinaryPrimitives.ReadUInt32LittleEndian(s), BinaryPrimitives.ReadUInt32LittleEndian(s[4..]),
                (long)BinaryPrimitives.ReadUInt64LittleEndian(s[24..]), (long)BinaryPrimitives.ReadUInt64LittleEndian(s[32..]),
                (long)BinaryPrimitives.ReadUInt64LittleEndian(s[56..]), BinaryPrimitives.ReadUInt32LittleEndian(s[44..])));
        }
        var strtab = raw[shstrndx];
        for (var i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            var name = "";
            if (r.Name < strtab.Size && strtab.Off + r.Name < elfEnd)
            {
                var start = (int)(strtab.Off + r.Name);
                var end = Array.IndexOf(image, (byte)0, start);
                name = end < 0 ? "" : Encoding.ASCII.GetString(image, start, end - start);
            }
            var inFile = r.Type != 8 && r.Off >= 0 && r.Size >= 0 && r.Off + r.Size <= elfEnd;
            sections.Add(new KoSection(i, name, r.Type, r.H, r.Off, inFile ? r.Size : 0, r.Ent, r.Info));
        }
        return new KoLayout(image, sections, sigOffset);
    }
}
