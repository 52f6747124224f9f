// Crafted variants of fixtures/ko/slow.ko for the hostile-input tests: a __param entry's perm changed,
// its name relocation turned into R_X86_64_NONE (the name pointer stays NULL), its ops symbol renamed.
using System.Buffers.Binary;
using System.Text;
using ModActors.Elf;
using ModActors.Scenarios.Fuzzing;
using ModActors.Scenarios.Tests.Scenario;
using Xunit;

namespace ModActors.Scenarios.Tests.Fuzzing;

internal static class KoImages
{
    public static string SlowPath => Path.Combine(ScenarioFiles.Root, "fixtures", "ko", "slow.ko");

    public static byte[] Slow() => File.ReadAllBytes(SlowPath);

    /// <summary>The index of parameter <paramref name="name"/> in slow.ko's __param.</summary>
    public static int ParamIndex(string name) =>
        KernelModuleReader.Read(Slow()).Module!.Params.Select((p, i) => (p, i)).First(x => x.p.Name == name).i;

    public static byte[] WithPerm(string param, ushort perm)
    {
        var image = Slow();
        var p = KoLayout.Parse(image).Find("__param")!;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)p.Offset + ParamIndex(param) * 40 + 24), perm);
        return image;
    }

    public static byte[] WithoutName(string param)
    {
        var image = Slow();
        var layout = KoLayout.Parse(image);
        var p = layout.Find("__param")!;
        var rela = layout.Sections.First(s => s.Type == KoLayout.SHT_RELA && s.Info == p.Index);
        var target = (ulong)(ParamIndex(param) * 40);
        for (var at = (int)rela.Offset; at < rela.Offset + rela.Size; at += 24)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(at)) == target)
                image.AsSpan(at + 8, 16).Clear();
        }
        return image;
    }

    public static byte[] WithRenamedOps(string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var image = Slow();
        var strtab = KoLayout.Parse(image).Find(".strtab")!;
        var at = image.AsSpan((int)strtab.Offset, (int)strtab.Size).IndexOf(Encoding.ASCII.GetBytes(from + "\0"));
        Assert.True(at >= 0);
        Encoding.ASCII.GetBytes(to).CopyTo(image, (int)strtab.Offset + at);
        return image;
    }
}
