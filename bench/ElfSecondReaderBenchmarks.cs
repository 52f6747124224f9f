// src/Elf's reader against ELFSharp 2.17.3 doing the same work on images already in memory: open the image, every
// section's header and name (with Contents, its bytes too: a span for us, a copy for ELFSharp), every symbol (name,
// value, section index) and every note section.
// Corpus: the fixture modules (fixtures/ko/*.ko), or Debian's whole 6.12 tree when fixtures/debian-tree is fetched
// (MODACTORS_BENCH_TREE=1; 4,230 modules, ~370 MB, all held in memory). The ratio of the two means is the figure in
// src/Elf/Format/ElfFile.cs's header.
// Run: dotnet run -c Release --project bench -- --filter '*ElfSecondReader*' --job short --inProcess
using BenchmarkDotNet.Attributes;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ModActors.Elf.Format;

namespace ModActors.Bench;

[MemoryDiagnoser]
public class ElfSecondReaderBenchmarks
{
    private byte[][] _images = [];

    /// <summary>Whether every section's bytes are fetched as well.</summary>
    [Params(false, true)]
    public bool Contents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var tree = Path.Combine(ElfBenchPaths.Root, "fixtures", "debian-tree", "raw", "lib", "modules", "6.12.117+deb12-amd64");
        var paths = Environment.GetEnvironmentVariable("MODACTORS_BENCH_TREE") == "1" && Directory.Exists(tree)
            ? Directory.GetFiles(tree, "*.ko", SearchOption.AllDirectories)
            : Directory.GetFiles(Path.Combine(ElfBenchPaths.Root, "fixtures", "ko"), "*.ko").Where(p => !p.EndsWith("notelf.ko", StringComparison.Ordinal) && !p.EndsWith("trunc.ko", StringComparison.Ordinal)).ToArray();
        _images = [.. paths.Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        Console.WriteLine($"// ElfSecondReader: {_images.Length} modules, {_images.Sum(i => (long)i.Length):N0} bytes");
    }

    [Benchmark(Baseline = true)]
    public long Ours()
    {
        long sum = 0;
        foreach (var image in _images)
        {
            var file = ElfFile.TryOpenLenient(image)!;
            for (var i = 0; i < file.Sections.Length; i++)
            {
                var s = file.Sections[i];
                sum += file.SectionName(i).Length + (long)s.sh_size + (Contents ? file.SectionData(i).Length : 0);
                foreach (var note in ElfNotes.Read(file, i))
                    sum += note.Name.Length + note.Descriptor.Length;
                if (s.sh_type != Elf64.SHT_SYMTAB)
                    continue;
                var table = file.SectionData(i);
                var strtab = file.SectionData((int)s.sh_link);
                for (var k = 0; k < table.Length / Elf64.Elf64_Sym_size; k++)
                {
                    var sym = Elf64_Sym.Read(table.Slice(k * Elf64.Elf64_Sym_size, Elf64.Elf64_Sym_size));
                    sum += ElfFile.Decode(ElfFile.CString(strtab, sym.st_name)).Length + (long)sym.st_value + sym.st_shndx;
                }
            }
        }
        return sum;
    }

    [Benchmark]
    public long ElfSharp()
    {
        long sum = 0;
        foreach (var image in _images)
        {
            using var elf = ELFReader.Load<ulong>(new MemoryStream(image, writable: false), shouldOwnStream: true);
            foreach (var s in elf.Sections)
            {
                sum += s.Name.Length + (long)s.Size + (Contents && s.Type != SectionType.NoBits ? s.GetContents().Length : 0);
                if (s is NoteSection<ulong> note)
                    sum += note.NoteName.Length + note.Description.Length;
                if (s is not SymbolTable<ulong> table)
                    continue;
                foreach (var sym in table.Entries)
                    sum += sym.Name.Length + (long)sym.Value + sym.PointedSectionIndex;
            }
        }
        return sum;
    }
}
