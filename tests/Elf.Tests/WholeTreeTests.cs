// Opt-in tests over Debian's whole 6.12 module tree (4,230 modules; see fixtures/fetch-debian-tree.sh):
// every module reads and validates as the kernel would, its exports agree with Module.symvers, and our
// depmod writes exactly the files kmod 30's depmod wrote for the same tree.
using System.Globalization;
using ModActors.Elf.Depmod;

namespace ModActors.Elf.Tests;

public class WholeTreeTests
{
    [WholeTreeFact]
    public void Every_module_of_Debians_tree_reads_and_validates()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var rel in WholeTree.RawModulePaths())
        {
            var result = KernelModuleReader.Read(File.ReadAllBytes(Path.Combine(WholeTree.RawModules, rel)));
            count++;
            if (!result.IsOk)
                failures.Add($"{rel}: {result.Rejection}");
            else if (result.Module!.Name != DepmodSearch.ModName(Path.GetFileName(rel)))
                failures.Add($"{rel}: name {result.Module.Name}");
        }
        Assert.Equal(4230, count);
        Assert.Empty(failures);
    }

    [WholeTreeFact]
    public void Every_export_of_the_tree_has_the_crc_licence_and_namespace_Module_symvers_gives_it()
    {
        var symvers = new Dictionary<string, (uint Crc, string Owner, bool Gpl, string Ns)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(WholeTree.Symvers))
        {
            var f = line.Split('\t');
            if (f[2] != "vmlinux")
                symvers[f[1]] = (uint.Parse(f[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), f[2],
                    f[3] == "EXPORT_SYMBOL_GPL", f.Length > 4 ? f[4] : "");
        }
        var seen = 0;
        var mismatches = new List<string>();
        foreach (var rel in WholeTree.RawModulePaths())
        {
            var module = KernelModuleReader.Read(File.ReadAllBytes(Path.Combine(WholeTree.RawModules, rel))).Module!;
            var owner = rel["kernel/".Length..^".ko".Length];
            foreach (var e in module.Exports)
            {
                seen++;
                if (!symvers.TryGetValue(e.Name, out var s) || s.Crc != e.Crc || s.Owner != owner || s.Gpl != e.IsGplOnly || s.Ns != e.Namespace)
                    mismatches.Add($"{owner}: {e}");
            }
        }
        Assert.Equal(15520, seen);
        Assert.Empty(mismatches);
    }

    [WholeTreeFact]
    public void Depmod_writes_the_files_kmod_wrote_for_the_uncompressed_tree()
    {
        var baseDir = WholeTree.LinkedBaseDir(WholeTree.RawModules);
        try
        {
            var log = new StringWriter { NewLine = "\n" };
            var result = Depmod.Depmod.Run(new DepmodOptions(baseDir, WholeTree.Version) { SymversPath = WholeTree.Symvers, ErrSyms = true }, log);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(4230, result.ModuleCount);
            Assert.Equal(File.ReadAllText(WholeTree.Reference("depmod.stderr")), log.ToString());
            var written = Path.Combine(baseDir, "lib", "modules", WholeTree.Version);
            foreach (var f in (string[])["modules.dep", "modules.symbols", "modules.alias", "modules.softdep", "modules.devname"])
                Assert.True(File.ReadAllBytes(WholeTree.Reference(f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(written, f))), f + " differs");
        }
        finally
        {
            Directory.Delete(baseDir, recursive: true);
        }
    }

    [WholeTreeFact]
    public void Depmod_on_the_xz_tree_writes_the_same_files_naming_the_compressed_modules()
    {
        var baseDir = WholeTree.LinkedBaseDir(WholeTree.XzModules);
        try
        {
            var result = Depmod.Depmod.Run(new DepmodOptions(baseDir, WholeTree.Version) { SymversPath = WholeTree.Symvers, ErrSyms = true },
                TextWriter.Null);
            Assert.Equal(0, result.ExitCode);
            var written = Path.Combine(baseDir, "lib", "modules", WholeTree.Version);
            var expectedDep = File.ReadAllText(WholeTree.Reference("modules.dep")).Replace(".ko", ".ko.xz", StringComparison.Ordinal);
            Assert.Equal(expectedDep, File.ReadAllText(Path.Combine(written, "modules.dep")));
            foreach (var f in (string[])["modules.symbols", "modules.alias", "modules.softdep", "modules.devname"])
                Assert.Equal(File.ReadAllText(WholeTree.Reference(f)), File.ReadAllText(Path.Combine(written, f)));
        }
        finally
        {
            Directory.Delete(baseDir, recursive: true);
        }
    }

    [WholeTreeFact]
    public void Depmod_symbols_as_a_set_equal_kmods()
    {
        var baseDir = WholeTree.LinkedBaseDir(WholeTree.RawModules);
        try
        {
            Depmod.Depmod.Run(new DepmodOptions(baseDir, WholeTree.Version), TextWriter.Null);
            var ours = File.ReadAllLines(Path.Combine(baseDir, "lib", "modules", WholeTree.Version, "modules.symbols")).ToHashSet();
            var kmods = File.ReadAllLines(WholeTree.Reference("modules.symbols")).ToHashSet();
            Assert.Equal(15521, kmods.Count);
            Assert.True(kmods.SetEquals(ours));
        }
        finally
        {
            Directory.Delete(baseDir, recursive: true);
        }
    }
}
