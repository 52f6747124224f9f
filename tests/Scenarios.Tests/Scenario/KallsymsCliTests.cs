// `modactors kallsyms FILE.ko`: a module's /proc/kallsyms lines and /sys/module/NAME/sections as the real 6.12
// kernel shows them (names, types, order checked against oracle scenario zk, oracle/results/zk_kallsyms_livepatch.txt).
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class KallsymsCliTests
{
    private static string Ko(string name) => Path.Combine(ScenarioFiles.Root, "fixtures", "ko", name);

    /// <summary>The first "kallsyms [MODULE]" block of the oracle's result (run 1 first) size is <paramref name="count"/>.</summary>
    private static List<string> Oracle(string module, int count)
    {
        var lines = File.ReadAllLines(Path.Combine(ScenarioFiles.Root, "oracle", "results", "zk_kallsyms_livepatch.txt"));
        var at = Array.FindIndex(lines, l => l.Contains($" kallsyms [{module}] ({count} lines):", StringComparison.Ordinal));
        Assert.True(at >= 0, $"no {count}-line block for {module} in the oracle result");
        return [.. lines.Skip(at + 1).Take(count).Select(l => l["  ADDR ".Length..])];
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[17..])];

    [Fact]
    public void Kallsyms_prints_the_core_lines_once_live_and_the_whole_symtab_with_coming()
    {
        var (code, text, _) = ScenarioFiles.Cli("kallsyms", Ko("slow.ko"));
        Assert.Equal(0, code);
        Assert.Equal(Oracle("slow", 20), Lines(text));
        Assert.StartsWith("0000000000000000 b ret\t[slow]\n", text, StringComparison.Ordinal);
        (code, text, _) = ScenarioFiles.Cli("kallsyms", Ko("slow.ko"), "--coming");
        Assert.Equal(0, code);
        Assert.Equal(Oracle("slow", 45), Lines(text));
        (code, text, _) = ScenarioFiles.Cli("kallsyms", Ko("expa.ko"));
        Assert.Equal(Oracle("expa", 35), Lines(text));
    }

    [Fact]
    public void Addresses_and_sections_follow_the_module_area()
    {
        var (code, text, _) = ScenarioFiles.Cli("kallsyms", Ko("expa.ko"), "--addresses");
        Assert.Equal(0, code);
        var textAddr = text.Split('\n').Single(l => l.EndsWith(" T expa_value\t[expa]", StringComparison.Ordinal))[..16];
        (code, text, _) = ScenarioFiles.Cli("kallsyms", Ko("expa.ko"), "--sections", "--addresses");
        Assert.Equal(0, code);
        var sec = text.Split('\n').Single(l => l.StartsWith(".text\t", StringComparison.Ordinal));
        Assert.Equal(Convert.ToUInt64(sec[8..], 16) + 0x10, Convert.ToUInt64(textAddr, 16));
        (_, text, _) = ScenarioFiles.Cli("kallsyms", Ko("slow.ko"), "--sections");
        Assert.Contains(".symtab\t0x0000000000000000\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".modinfo", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_the_kernel_refuses_is_an_error_naming_the_errno()
    {
        var (code, _, err) = ScenarioFiles.Cli("kallsyms", Ko("notelf.ko"));
        Assert.Equal(2, code);
        Assert.Contains("-ENOEXEC", err, StringComparison.Ordinal);
        (code, _, err) = ScenarioFiles.Cli("kallsyms", Ko("missing.ko"));
        Assert.Equal(2, code);
        Assert.Contains("missing.ko", err, StringComparison.Ordinal);
    }
}
