// The reader over Debian's whole 6.12 tree (opt-in: fixtures/fetch-debian-tree.sh): every module passes
// the kernel's file checks with Debian's vermagic and module_layout CRC, the extracted facts add up to
// the counts measured independently (/work/shared/reference/debian-6.12-modules.md), and relocation
// agrees with GNU ld on a spread of real modules (every 211th; MODACTORS_LD_EVERY=1 checks them all).
namespace ModActors.Elf.Tests;

public class ElfWholeTreeTests
{
    [WholeTreeFact]
    public void Every_debian_module_passes_the_kernel_file_checks_and_yields_the_measured_counts()
    {
        long exports = 0, gpl = 0, undefined = 0, versions = 0, parms = 0, withInit = 0, withExit = 0;
        var paramModules = 0;
        foreach (var rel in WholeTree.RawModulePaths())
        {
            var result = KernelModuleReader.Read(File.ReadAllBytes(Path.Combine(WholeTree.RawModules, rel)));
            Assert.True(result.IsOk, $"{rel}: {result.Rejection}");
            var m = result.Module!;
            Assert.Equal(Path.GetFileNameWithoutExtension(rel).Replace('-', '_'), m.Name);
            Assert.Equal(SignatureStatus.UnknownKey, m.Signature.Status);
            Assert.Empty(result.ForcedLoadReasons);
            Assert.Null(m.LayoutRejection);
            exports += m.Exports.Count;
            gpl += m.Exports.Count(e => e.IsGplOnly);
            undefined += m.UndefinedSymbols.Count;
            versions += m.Versions.Count;
            parms += m.Params.Count;
            paramModules += m.Sections.Any(s => s.Name == "__param") ? 1 : 0;
            withInit += m.HasInit ? 1 : 0;
            withExit += m.HasExit ? 1 : 0;
        }
        Assert.Equal((15520L, 8990L, 197617L, 201847L), (exports, gpl, undefined, versions));
        Assert.Equal((4979L, 1263), (parms, paramModules));
        Assert.Equal((3709L, 3707L), (withInit, withExit));
    }

    [WholeTreeFact]
    public void Relocation_of_a_spread_of_debian_modules_equals_gnu_ld()
    {
        if (GnuLd.Path is null)
            return;
        var every = int.TryParse(Environment.GetEnvironmentVariable("MODACTORS_LD_EVERY"), out var n) && n > 0 ? n : 211;
        var paths = WholeTree.RawModulePaths();
        var sample = paths.Where((_, i) => i % every == 0)
            .Concat(paths.Where(p => p.EndsWith("/kvm.ko", StringComparison.Ordinal) || p.EndsWith("/aesni-intel.ko", StringComparison.Ordinal)))
            .Distinct();
        long bytes = 0;
        foreach (var rel in sample)
            bytes += GnuLd.AssertRelocationMatches(File.ReadAllBytes(Path.Combine(WholeTree.RawModules, rel)), rel);
        Assert.True(bytes > 1_000_000);
    }

    [WholeTreeFact]
    public void Array_and_string_parameters_carry_the_limits_their_kparam_structs_hold()
    {
        KernelModule Read(string rel) => KernelModuleReader.Read(File.ReadAllBytes(Path.Combine(WholeTree.RawModules, rel))).Module!;
        var hda = Read("kernel/sound/pci/hda/snd-hda-intel.ko");
        Assert.Equal(32u, hda.Params.Single(p => p.Name == "index").ArrayMax); // SNDRV_CARDS
        Assert.Equal("array of int", hda.Params.Single(p => p.Name == "index").Type);
        var blk = Read("kernel/fs/pstore/pstore_blk.ko").Params.Single(p => p.Name == "blkdev");
        Assert.Equal((80u, 0u, "string"), (blk.StringMaxLen, blk.ArrayMax, blk.Type)); // module_param_string(blkdev, blkdev, 80, 0400)
        Assert.Equal(0x100, blk.Perm);
    }
}
