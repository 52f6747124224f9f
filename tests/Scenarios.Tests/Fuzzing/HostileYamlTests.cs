// Values and files a hostile scenario gives the loader: each is refused at FILE:LINE:COL with the limit or
// the problem named, before anything runs — deep nesting, numbers past what the model's types hold, errno
// and duration extremes, special files (a FIFO would block, /dev/zero never ends), a Module.symvers that
// is not one.
using ModActors.Elf;
using ModActors.Scenarios.Tests.Scenario;
using Xunit;

namespace ModActors.Scenarios.Tests.Fuzzing;

public sealed class HostileYamlTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hostile-yaml-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Fifo()
    {
        var path = Path.Combine(dir, "fifo");
        using var p = System.Diagnostics.Process.Start("mkfifo", [path]);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return path;
    }

    private static string Error(string yaml)
    {
        var r = ScenarioFiles.Parse(yaml, "s.yaml");
        Assert.Null(r.Scenario);
        return string.Join("\n", r.Errors);
    }

    [Fact]
    public void Nesting_fifty_thousand_deep_is_one_positioned_error_not_a_stack_overflow()
    {
        var deep = "tasks:\n  a: " + new string('[', 50_000) + new string(']', 50_000) + "\n";
        var e = Error(deep);
        Assert.StartsWith("s.yaml:2:", e, StringComparison.Ordinal);
        Assert.Contains("nest more than 64 levels deep", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explore: { depth: 4294967295 }\n", "s.yaml:1:19: depth is 4294967295 (expected at most 1000)")]
    [InlineData("explore: { runs: 9223372036854775807 }\n", "(expected at most 10000000)")]
    [InlineData("modules:\n  m: { params: { p: { type: string, max_len: 4294967297 } } }\n", "max_len is 4294967297 (expected at most 65536)")]
    [InlineData("modules:\n  m: { params: { p: { type: array of int, array_max: 9999999999 } } }\n", "array_max is 9999999999 (expected at most 4096)")]
    [InlineData("modules:\n  m: { core_size: 4294967296 }\n", "core_size is 4294967296 (expected at most 4294967295)")]
    [InlineData("modules:\n  m: {}\n", "(expected 0, a number, or a negative errno name")]
    [InlineData("modules:\n  m: {}\nexplore: { max_steps: 99999999999 }\n", "(expected at most 1000000000)")]
    public void Numbers_past_what_the_model_holds_are_refused_with_the_limit(string head, string expected)
    {
        var tasks = head.Contains("m: {}\n", StringComparison.Ordinal) && !head.Contains("max_steps", StringComparison.Ordinal)
            ? "tasks:\n  a: [ finit_module: /lib/modules/m.ko, expect: -2147483648 ]\n"
            : "tasks:\n  a: [ sleep: 1s ]\n";
        Assert.Contains(expected, Error(head + tasks), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sleep_past_a_thousand_days_is_refused()
    {
        Assert.Contains("at most 1000 days", Error("tasks:\n  a: [ sleep: 99999999999999999s ]\n"), StringComparison.Ordinal);
        Assert.Contains("at most 1000 days", Error("tasks:\n  a: [ sleep: 9223372036854775807ms ]\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Module_files_that_are_not_regular_files_are_refused_by_type_without_blocking()
    {
        Assert.Contains("module file /dev/zero is a character device, not a regular file",
            Error("modules:\n  slow: { file: /dev/zero }\ntasks:\n  a: [ sleep: 1s ]\n"), StringComparison.Ordinal);
        var fifo = Fifo();
        Assert.Contains($"module file {fifo} is a FIFO, not a regular file",
            Error($"modules:\n  slow: {{ file: {fifo} }}\ntasks:\n  a: [ sleep: 1s ]\n"), StringComparison.Ordinal);
        Assert.Contains("is a directory, not a regular file",
            Error($"modules:\n  slow: {{ file: {dir} }}\ntasks:\n  a: [ sleep: 1s ]\n"), StringComparison.Ordinal);
        Assert.Contains("is not a usable path", Error("modules:\n  slow: { file: \"a\\0b\" }\ntasks:\n  a: [ sleep: 1s ]\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_file_that_is_a_fifo_a_device_or_a_directory_is_refused_by_type()
    {
        Assert.Contains("the scenario is a FIFO, not a regular file", string.Join("\n", ScenarioLoader.LoadFile(Fifo()).Errors), StringComparison.Ordinal);
        Assert.Contains("the scenario is a character device", string.Join("\n", ScenarioLoader.LoadFile("/dev/zero").Errors), StringComparison.Ordinal);
        Assert.Contains("the scenario is a directory", string.Join("\n", ScenarioLoader.LoadFile(dir).Errors), StringComparison.Ordinal);
        Assert.Contains("names no file", string.Join("\n", ScenarioLoader.LoadFile("").Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_symvers_that_is_not_a_Module_symvers_or_is_a_fifo_is_refused_where_it_is_named()
    {
        var bad = Path.Combine(dir, "bad.symvers");
        File.WriteAllText(bad, "this is not\ta symvers\n");
        var e = Error($"kernel: {{ symvers: {bad} }}\ntasks:\n  a: [ sleep: 1s ]\n");
        Assert.Contains("s.yaml:1:20:", e, StringComparison.Ordinal);
        Assert.Contains("is not a Module.symvers: Module.symvers line 1", e, StringComparison.Ordinal);
        Assert.Contains("is a FIFO, not a regular file", Error($"kernel: {{ symvers: {Fifo()} }}\ntasks:\n  a: [ sleep: 1s ]\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Modinfo_and_depmod_read_module_files_only_when_they_are_regular()
    {
        Assert.False(ModuleFile.TryLoad(Fifo(), out _, out var fifo));
        Assert.Equal("is a FIFO, not a regular file", fifo);
        Assert.False(ModuleFile.TryLoad("/dev/zero", out _, out var zero));
        Assert.Equal("is a character device, not a regular file", zero);
    }

    [Fact]
    public void A_size_limit_names_the_size_and_the_limit()
    {
        var big = Path.Combine(dir, "big");
        File.WriteAllBytes(big, new byte[2000]);
        Assert.Equal("is 2000 bytes; the limit is 1024 bytes", RegularFile.Check(big, 1024));
        Assert.Null(RegularFile.Check(big, 2000));
        Assert.Equal("16 MiB (16777216 bytes)", RegularFile.Size(16L << 20));
    }

    [Fact]
    public void The_most_negative_errno_has_a_name()
    {
        Assert.Equal("E2147483648", ModActors.Kernel.Errno.Name(int.MinValue));
        Assert.Equal("EEXIST", ModActors.Kernel.Errno.Name(-17));
    }
}
