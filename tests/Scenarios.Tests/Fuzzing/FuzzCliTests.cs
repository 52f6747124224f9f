// The command line under hostile arguments and the commands this issue adds: `modactors fuzz ko|yaml`
// prints counts by outcome and exits 0 when nothing erred; bad paths and out-of-range numbers are exit 2
// with the problem named; an exception inside a simulation is exit 3, reported as a bug with the seed and
// a replay command, never as a scenario failure.
using Akka.Actor;
using System.CommandLine;
using ModActors.Cli.Commands;
using ModActors.Runtime;
using ModActors.Scenarios.Tests.Scenario;
using Xunit;

namespace ModActors.Scenarios.Tests.Fuzzing;

public sealed class FuzzCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fuzz-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var root = new RootCommand { RunCommand.Create(), ExploreCommand.Create(), ReplayCommand.Create(), FuzzCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
            return (2, "", string.Join("\n", parse.Errors.Select(e => e.Message)));
        var code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string Lib(string name) => Path.Combine(ScenarioFiles.Library, name);

    [Fact]
    public void Fuzz_ko_prints_counts_by_outcome_and_exits_0()
    {
        var bases = Directory.GetFiles(Path.Combine(ScenarioFiles.Root, "fixtures", "ko"), "slow*.ko");
        var (code, text, _) = Cli(["fuzz", "ko", "--cases", "60", "--seed", "3", "--out", dir, "--base", .. bases]);
        Assert.Equal(0, code);
        Assert.Contains("fuzz ko: 60 cases, seed 3", text, StringComparison.Ordinal);
        Assert.Contains("0 internal errors, 0 hangs", text, StringComparison.Ordinal);
        Assert.Matches(@"\n +\d+  Rejected -ENOEXEC\n", text);
    }

    [Fact]
    public void Fuzz_yaml_runs_over_the_library()
    {
        var (code, text, _) = Cli("fuzz", "yaml", "--cases", "40", "--seed", "3", "--out", dir, "--base", Lib("a_same_inode_x4.yaml"), Lib("m_concurrent_deletes.yaml"));
        Assert.Equal(0, code);
        Assert.Matches(@"\n +\d+  Rejected invalid\n", text);
    }

    [Fact]
    public void Fuzz_refuses_a_missing_base_and_zero_cases()
    {
        Assert.Equal(2, Cli("fuzz", "ko", "--cases", "0").Code);
        var (code, _, err) = Cli("fuzz", "ko", "--base", Path.Combine(dir, "nothere.ko"));
        Assert.Equal(2, code);
        Assert.Contains("no such regular file", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "", "the scenario names no file")]
    [InlineData("run", "DIR", "the scenario is a directory, not a regular file")]
    [InlineData("run", "LIB", "--schedule-out", "is a directory; give a file name")]
    [InlineData("run", "LIB", "--schedule-out=MISSING", "is in a folder that does not exist")]
    [InlineData("run", "LIB", "--runs=99999999999", "--runs must be between 1 and 10000000")]
    [InlineData("explore", "LIB", "--depth=1001", "--depth must be between 1 and 1000")]
    public void Hostile_arguments_are_exit_2_with_the_problem_named(params string[] raw)
    {
        var expected = raw[^1];
        var args = raw[..^1].Select(a => a switch
        {
            "DIR" => dir,
            "LIB" => Lib("a_same_inode_x4.yaml"),
            "--schedule-out" => "--schedule-out=" + dir,
            "--schedule-out=MISSING" => "--schedule-out=" + Path.Combine(dir, "no", "such", "x.json"),
            _ => a,
        }).SelectMany(a => a.StartsWith("--", StringComparison.Ordinal) ? a.Split('=', 2) : [a]).ToArray();
        var (code, text, err) = Cli(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, text + err, StringComparison.Ordinal);
    }

    private sealed class Thrower : ReceiveActor
    {
        public Thrower() => Receive<string>(_ => throw new InvalidOperationException("planted bug"));
    }

    [Fact]
    public void An_exception_inside_a_simulation_is_reported_as_a_bug_with_the_replay_command_and_exit_3()
    {
        using var system = Simulation.Create("t", new SimulationOptions { Strategy = new FifoStrategy() });
        system.ActorOf(Props.Create(() => new Thrower()), "thrower").Tell("go");
        var result = system.Run();
        var report = new RunReport(result, [], new FinalState("", "", [], []), ["failed"], "");
        Assert.True(InternalError.Is(report));
        var error = new StringWriter();
        Assert.Equal(3, InternalError.Report(report, "s.schedule.json", "s.yaml", error));
        var text = error.ToString();
        Assert.Contains("modactors: internal error (a bug in ModActors, not a scenario failure): InvalidOperationException: planted bug", text, StringComparison.Ordinal);
        Assert.Contains("(fifo, seed 0)", text, StringComparison.Ordinal);
        Assert.Contains("replay: modactors replay s.yaml --schedule s.schedule.json", text, StringComparison.Ordinal);
    }
}
