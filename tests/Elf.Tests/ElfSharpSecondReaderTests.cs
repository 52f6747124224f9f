// ELFSharp as an independent second reader: on every fixture module, src/Elf's section headers, section bytes,
// symbols and notes equal ELFSharp's where ELFSharp is right (ElfSharpKnownErrors says where it is not), and the
// files src/Elf cannot open as ELF are the ones ELFSharp refuses. (The compressed fixtures are slow.ko, compressed.)
// Opt-in: the same on every module of Debian's 6.12 tree (fixtures/fetch-debian-tree.sh).
namespace ModActors.Elf.Tests;

public class ElfSharpSecondReaderTests
{
    public static TheoryData<string> FixtureModules() => [.. Directory.GetFiles(Fixtures.Ko, "*.ko").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FixtureModules))]
    public void Every_fixture_module_reads_the_same_in_elfsharp(string file)
    {
        var image = Fixtures.Bytes(file);
        var ours = OurView.Read(image);
        var theirs = ElfSharpView.Read(image, out var refusal);
        Assert.True(ours is null == theirs is null, $"{file}: src/Elf {(ours is null ? "refuses" : "reads")} it, ELFSharp {refusal ?? "reads it"}");
        if (ours is null)
            return;
        ElfReaderComparison.AssertSame(ElfSharpKnownErrors.AsElfSharpSeesIt(ours), theirs!, file);
    }

    [WholeTreeFact]
    public void Every_debian_module_reads_the_same_in_elfsharp()
    {
        var modules = 0;
        foreach (var rel in WholeTree.RawModulePaths())
        {
            var image = File.ReadAllBytes(Path.Combine(WholeTree.RawModules, rel));
            var ours = OurView.Read(image);
            var theirs = ElfSharpView.Read(image, out var refusal);
            Assert.True(ours is not null, $"{rel}: src/Elf cannot open it");
            Assert.True(theirs is not null, $"{rel}: ELFSharp {refusal}");
            ElfReaderComparison.AssertSame(ElfSharpKnownErrors.AsElfSharpSeesIt(ours!), theirs!, rel);
            modules++;
        }
        Assert.Equal(4230, modules);
    }
}
