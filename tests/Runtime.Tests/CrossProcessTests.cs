// Determinism across processes: the same program, strategy and seed give a byte-identical trace in
// another process (where string hashes, actor uids and Akka's child order differ), and through the CLI
// two `modactors run --strategy pct --seed N` processes print the same run and trace hash, and a
// schedule file written by one process replays in another.
using System.Diagnostics;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class CrossProcessTests
{
    private static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModActors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ModActors.sln not found above " + AppContext.BaseDirectory);
    }

    private static (int Code, string Out, string Err) Dotnet(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    private static string ChildTrace(string race, string strategy, long seed)
    {
        var (code, text, err) = Dotnet("ModActors.Runtime.Tests.dll", race, strategy, seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, err);
        return text;
    }

    [Theory]
    [InlineData("writers", "random", 5)]
    [InlineData("writers", "pct", 7)]
    [InlineData("children", "random", 3)]
    [InlineData("children", "fifo", 0)]
    [InlineData("kernel", "pct", 2)]
    [InlineData("kernel", "random", 3)]
    public void The_same_seed_gives_a_byte_identical_trace_in_two_processes_and_in_this_one(string race, string strategy, long seed)
    {
        var first = ChildTrace(race, strategy, seed);
        var second = ChildTrace(race, strategy, seed);
        var here = TraceProgram.Trace(race, KernelRaceTraceTests.Strategy(strategy, seed));
        Assert.Equal(first, second);
        Assert.Equal(here, first);
        Assert.StartsWith("Quiescent\n", here, StringComparison.Ordinal);
    }

    [Fact]
    public void The_family_race_stops_every_child_and_tells_the_watcher_in_creation_order()
    {
        var trace = TraceProgram.Trace("children", new FifoStrategy());
        var gone = trace.Split('\n').Where(l => l.Contains("[gone ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("[gone ", StringComparison.Ordinal) + 6)..l.IndexOf(']', StringComparison.Ordinal)]);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => "kid-" + (char)('a' + i)), gone);
    }

    private static (int Code, string Out, string Err) Modactors(params string[] args) => Dotnet("modactors.dll", args);

    private static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

    [Fact]
    public void Two_cli_processes_with_the_same_pct_seed_print_the_same_run_and_trace_hash()
    {
        var first = Modactors("run", Scenario("a_same_inode_x4.yaml"), "--strategy", "pct", "--seed", "11");
        var second = Modactors("run", Scenario("a_same_inode_x4.yaml"), "--strategy", "pct", "--seed", "11");
        Assert.Equal(0, first.Code);
        Assert.Equal(first.Out, second.Out);
        Assert.Matches("trace [0-9a-f]{16}", first.Out);
    }

    [Fact]
    public void A_schedule_file_written_by_one_cli_process_replays_the_run_in_another()
    {
        var dir = Directory.CreateTempSubdirectory("modactors-replay-").FullName;
        try
        {
            var file = Path.Combine(dir, "run.json");
            var run = Modactors("run", Scenario("a_same_inode_x4.yaml"), "--strategy", "random", "--seed", "4", "--schedule-out", file);
            Assert.Equal(0, run.Code);
            Assert.NotEmpty(Schedule.Load(file).Choices);
            var replay = Modactors("replay", Scenario("a_same_inode_x4.yaml"), "--schedule", file);
            Assert.True(replay.Code == 0, replay.Err);
            var hash = System.Text.RegularExpressions.Regex.Match(run.Out, "trace ([0-9a-f]{16})").Groups[1].Value;
            Assert.NotEmpty(hash);
            Assert.Contains("trace " + hash, replay.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
