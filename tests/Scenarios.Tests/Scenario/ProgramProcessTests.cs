// The built `modactors` program as a user starts it (a separate process through Program.cs): the
// README's first command runs the demo, and the exit codes reach the shell.
using System.Diagnostics;
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class ProgramProcessTests
{
    private static (int Code, string Out, string Err) Modactors(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "modactors.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void With_no_arguments_it_runs_the_demo_and_exits_0()
    {
        var (code, text, _) = Modactors();
        Assert.Equal(0, code);
        Assert.Contains("explored pct depth 3", text, StringComparison.Ordinal);
        Assert.Contains("verdict: pass", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_codes_are_0_for_a_passing_scenario_1_for_a_failing_one_and_2_for_an_invalid_one()
    {
        var dir = Directory.CreateTempSubdirectory("scenario-proc-").FullName;
        try
        {
            var failing = Path.Combine(dir, "f.yaml");
            File.WriteAllText(failing, "modules:\n  m: {}\ntasks:\n  a: [ finit_module: /lib/modules/m.ko, expect: -EEXIST ]\n");
            var invalid = Path.Combine(dir, "i.yaml");
            File.WriteAllText(invalid, "tasks:\n  a: [ jump: 1 ]\n");
            Assert.Equal(0, Modactors("run", Path.Combine(ScenarioFiles.Library, "a_same_inode_x4.yaml")).Code);
            Assert.Equal(1, Modactors("run", failing, "--schedule-out", Path.Combine(dir, "s.json")).Code);
            var (code, _, err) = Modactors("lint", invalid);
            Assert.Equal(2, code);
            Assert.StartsWith(invalid + ":2:8: unknown key 'jump' in task a", err, StringComparison.Ordinal);
            Assert.Equal(2, Modactors("run", "--no-such-option").Code);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
