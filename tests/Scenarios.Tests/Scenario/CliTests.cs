// The scenario commands as a user runs them: exit codes 0 (held), 1 (an expectation failed, with the
// seed and a replay file) and 2 (invalid scenario or command line), the text report and the JSON shape.
using System.Text.Json;
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class CliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("scenario-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Lib(string name) => Path.Combine(ScenarioFiles.Library, name);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private string FailingDeletes() => Write("failing.yaml", File.ReadAllText(Lib("m_concurrent_deletes.yaml"))
        .Replace("m2: [ sleep: 200ms, delete_module: slow, expect: { one_of: [0, -EBUSY] } ]", "m2: [ sleep: 200ms, delete_module: slow, expect: 0 ]", StringComparison.Ordinal));

    [Fact]
    public void Run_prints_each_call_and_the_final_proc_modules_and_exits_0()
    {
        var (code, text, _) = ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"));
        Assert.Equal(0, code);
        Assert.Matches(@"\n +0-10\d\d +a1 +finit_module /lib/modules/slow.ko delay_ms=1000 = 0  ok\n", text);
        Assert.Matches(@"\n +2000-200\d +later  finit_module /lib/modules/slow.ko = -EEXIST  ok\n", text);
        Assert.Contains("/proc/modules:\n  slow 12288 0 - Live 0x0000000000000000 (OE)\n", text, StringComparison.Ordinal);
        Assert.EndsWith("verdict: pass\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_runs_adds_the_outcome_table()
    {
        var (code, text, _) = ScenarioFiles.Cli("run", Lib("m_concurrent_deletes.yaml"), "--runs", "100", "--strategy", "pct", "--seed", "3");
        Assert.Equal(0, code);
        Assert.Contains("explored pct depth 3", text, StringComparison.Ordinal);
        Assert.Contains("2 distinct outcomes, 0 failed runs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_exploration_exits_1_prints_the_seed_and_writes_a_replay_file_that_replay_reproduces()
    {
        var file = FailingDeletes();
        var schedule = Path.Combine(dir, "fail.json");
        var (code, text, _) = ScenarioFiles.Cli("explore", file, "--runs", "100", "--schedule-out", schedule);
        Assert.Equal(1, code);
        Assert.Matches(@"first failing run: seed \d+", text);
        Assert.Contains("FAILED " + file + ":12:", text, StringComparison.Ordinal);
        Assert.True(File.Exists(schedule));
        var (rcode, rtext, _) = ScenarioFiles.Cli("replay", file, "--schedule", schedule);
        Assert.Equal(1, rcode);
        Assert.Contains("m2: delete_module slow returned -EBUSY, expected 0", rtext, StringComparison.Ordinal);
        var seed = long.Parse(System.Text.RegularExpressions.Regex.Match(text, @"first failing run: seed (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var (_, stext, _) = ScenarioFiles.Cli("run", file, "--strategy", "pct", "--depth", "3", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", "--schedule-out", Path.Combine(dir, "s.json"));
        var hash = JsonDocument.Parse(stext).RootElement.GetProperty("run").GetProperty("trace_hash").GetString();
        Assert.Contains("trace hash: " + hash, rtext, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_exits_0_for_the_library_and_2_with_positioned_errors_for_a_bad_file()
    {
        var (ok, text, _) = ScenarioFiles.Cli(["lint", .. ScenarioFiles.LibraryFiles()]);
        Assert.Equal(0, ok);
        Assert.Contains("a_same_inode_x4.yaml: ok (5 tasks, 1 modules)", text, StringComparison.Ordinal);
        var bad = Write("bad.yaml", "tasks:\n  a: [ delete_module: nosuch ]\n");
        var (code, _, err) = ScenarioFiles.Cli("lint", bad);
        Assert.Equal(2, code);
        Assert.Equal($"{bad}:2:23: unknown module 'nosuch' (expected a module defined under modules:)\n", err);
    }

    [Fact]
    public void An_invalid_scenario_or_command_line_exits_2_before_running()
    {
        Assert.Equal(2, ScenarioFiles.Cli("run", Path.Combine(dir, "missing.yaml")).Code);
        Assert.Equal(2, ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), "--strategy", "smart").Code);
        Assert.Equal(2, ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), "--strategy", "fifo", "--runs", "5").Code);
        Assert.Equal(2, ScenarioFiles.Cli("explore", Lib("a_same_inode_x4.yaml"), "--shard", "3/2").Code);
        Assert.Equal(2, ScenarioFiles.Cli("replay", Lib("a_same_inode_x4.yaml"), "--schedule", Path.Combine(dir, "none.json")).Code);
        Assert.Equal(2, ScenarioFiles.Cli("run").Code);
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        var (code, text, _) = ScenarioFiles.Cli("run", Lib("f_delete_while_coming.yaml"), "--json");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("modactors.scenario/1", root.GetProperty("schema").GetString());
        Assert.Equal("run", root.GetProperty("mode").GetString());
        Assert.Equal("pass", root.GetProperty("verdict").GetString());
        var run = root.GetProperty("run");
        Assert.Equal("fifo", run.GetProperty("strategy").GetString());
        Assert.Equal("quiescent", run.GetProperty("outcome").GetString());
        var delete = run.GetProperty("calls")[1];
        Assert.Equal("deleter", delete.GetProperty("task").GetString());
        Assert.Equal("delete_module", delete.GetProperty("op").GetString());
        Assert.Equal("slow", delete.GetProperty("target").GetString());
        Assert.Equal(-16, delete.GetProperty("rc").GetInt32());
        Assert.Equal("EBUSY", delete.GetProperty("errno").GetString());
        Assert.InRange(delete.GetProperty("start_ms").GetDecimal(), 5m, 36m);
        Assert.True(delete.GetProperty("ok").GetBoolean());
        Assert.Equal("slow 12288 0 - Live 0x0000000000000000 (OE)", run.GetProperty("final").GetProperty("proc_modules")[0].GetString());
        Assert.Equal("OE", run.GetProperty("final").GetProperty("kernel_taint").GetString());

        var (_, xtext, _) = ScenarioFiles.Cli("explore", Lib("m_concurrent_deletes.yaml"), "--runs", "50", "--json");
        var explore = JsonDocument.Parse(xtext).RootElement.GetProperty("explore");
        Assert.Equal("pct", explore.GetProperty("strategy").GetString());
        Assert.Equal(50, explore.GetProperty("runs").GetInt32());
        var outcome = explore.GetProperty("outcomes")[0];
        Assert.Equal(["key", "verdict", "count", "seed"], outcome.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_demo_explores_the_built_in_scenario_and_prints_its_outcome_table()
    {
        var output = new StringWriter();
        var code = ModActors.Cli.Commands.DemoCommand.Run(output, new StringWriter());
        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("scenario: two loaders of one inode and two deletes (demo.yaml (built in))", text, StringComparison.Ordinal);
        Assert.Contains("distinct outcomes, 0 failed runs", text, StringComparison.Ordinal);
        Assert.Contains("d.delete_module=-EAGAIN", text, StringComparison.Ordinal);
    }
}
