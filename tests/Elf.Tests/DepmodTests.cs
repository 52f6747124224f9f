// `depmod` against kmod 30's own output on trees of our fixture modules (fixtures/depmod-expected,
// recorded by fixtures/build.sh): the same files byte for byte and the same messages.
using ModActors.Elf.Depmod;

namespace ModActors.Elf.Tests;

public class DepmodTests
{
    public static TheoryData<string, string> CasesAndFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in (string[])["ordered", "unordered-crc", "bad-files"])
        {
            foreach (var f in (string[])["modules.dep", "modules.symbols", "modules.alias", "modules.softdep", "modules.devname"])
                data.Add(c, f);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndFiles))]
    public void Depmod_writes_the_same_file_as_kmod(string caseName, string file)
    {
        using var tree = new DepmodTestTree(caseName);
        var (result, _) = tree.Run();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(tree.Expected(file), tree.Written(file));
    }

    [Theory]
    [InlineData("ordered")]
    [InlineData("unordered-crc")]
    [InlineData("bad-files")]
    public void Depmod_prints_the_warnings_and_errors_kmod_prints(string caseName)
    {
        using var tree = new DepmodTestTree(caseName);
        var (result, log) = tree.Run();
        Assert.Equal(int.Parse(tree.Expected("depmod.rc").Trim(), System.Globalization.CultureInfo.InvariantCulture), result.ExitCode);
        Assert.Equal(tree.Expected("depmod.stderr"), log);
    }

    [Fact]
    public void A_dependency_cycle_is_reported_as_kmod_reports_it_and_nothing_is_written()
    {
        using var tree = new DepmodTestTree("cycle");
        var (result, log) = tree.Run();
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(tree.Expected("depmod.stderr"), log);
        Assert.False(File.Exists(Path.Combine(tree.ModulesDir, "modules.dep")));
    }

    [Fact]
    public void Modules_of_a_user_are_listed_after_the_user_in_dependency_order()
    {
        using var tree = new DepmodTestTree("ordered");
        tree.Run();
        var dep = tree.Written("modules.dep").Split('\n');
        Assert.Equal("extra/useb.ko: extra/expa.ko", dep[1]);
        Assert.Equal("extra/propc.ko: extra/expa.ko", dep[4]);
    }

    [Fact]
    public void An_xz_compressed_module_is_read_and_listed_under_its_compressed_name()
    {
        using var tree = new DepmodTestTree("ordered");
        File.Delete(Path.Combine(tree.ModulesDir, "extra", "slow.ko"));
        tree.Place(Fixtures.KoPath("slow.ko.xz"), "extra/slow.ko.xz");
        var (result, _) = tree.Run();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(tree.Expected("modules.dep").Replace("extra/slow.ko:", "extra/slow.ko.xz:", StringComparison.Ordinal),
            tree.Written("modules.dep"));
        Assert.Contains("alias modactors-slow slow\n", tree.Written("modules.alias"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_module_directory_is_an_input_error_naming_the_directory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "modactors-no-such-tree-" + Guid.NewGuid());
        var log = new StringWriter { NewLine = "\n" };
        var result = Depmod.Depmod.Run(new DepmodOptions(missing, DepmodTestTree.Version), log);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("could not search modules: No such file or directory", result.Error);
        Assert.Equal($"depmod: ERROR: could not open directory {missing}/lib/modules/{DepmodTestTree.Version}: No such file or directory\n",
            log.ToString());
    }

    [Fact]
    public void A_module_directory_that_cannot_be_written_is_an_input_error()
    {
        using var tree = new DepmodTestTree("ordered");
        Directory.CreateDirectory(Path.Combine(tree.ModulesDir, "modules.dep.tmp"));
        var result = Depmod.Depmod.Run(new DepmodOptions(tree.BaseDir, DepmodTestTree.Version), TextWriter.Null);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"could not write to {tree.ModulesDir}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_that_is_not_a_kernel_release_is_an_input_error()
    {
        using var tree = new DepmodTestTree("ordered");
        var result = Depmod.Depmod.Run(new DepmodOptions(tree.BaseDir, "latest"), TextWriter.Null);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'latest' is not a kernel version", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(tree.ModulesDir, "modules.dep")));
    }

    [Fact]
    public void A_missing_symvers_file_is_an_input_error()
    {
        using var tree = new DepmodTestTree("ordered");
        var result = Depmod.Depmod.Run(new DepmodOptions(tree.BaseDir, DepmodTestTree.Version) { SymversPath = "/nonexistent/Module.symvers" },
            TextWriter.Null);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("could not load /nonexistent/Module.symvers: No such file or directory", result.Error);
    }

    [Fact]
    public void Without_symvers_the_errsyms_option_is_refused_with_kmods_warning_and_nothing_else()
    {
        using var tree = new DepmodTestTree("ordered");
        var log = new StringWriter { NewLine = "\n" };
        var result = Depmod.Depmod.Run(new DepmodOptions(tree.BaseDir, DepmodTestTree.Version) { ErrSyms = true }, log);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("depmod: WARNING: -e needs -E or -F\n", log.ToString());
        Assert.Equal(tree.Expected("modules.dep"), tree.Written("modules.dep"));
    }
}
