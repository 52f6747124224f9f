using System.CommandLine;
using System.Text.Json;
using ModActors.Cli.Commands;
using Xunit;

namespace ModActors.Scenarios.Tests.Stress;

public sealed class StressCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("stress-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var root = new RootCommand { StressCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(["stress", .. args]);
        var code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_clean_run_exits_0_and_prints_the_summary()
    {
        var (code, text, _) = Invoke("--modules", "20", "--tasks", "10", "--ops", "200", "--seeds", "2", "--failing-inits", "0",
            "--replay-dir", dir);
        Assert.Equal(0, code);
        Assert.Contains("calls:", text, StringComparison.Ordinal);
        Assert.Contains("outcomes:", text, StringComparison.Ordinal);
        Assert.Contains("invariant violations: 0 of 2 seeds", text, StringComparison.Ordinal);
        Assert.Contains("simulated syscalls/s:", text, StringComparison.Ordinal);
        Assert.Contains("peak memory:", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void A_planted_bug_exits_1_writes_a_replay_file_and_the_replay_reproduces_it()
    {
        var (code, text, _) = Invoke("--modules", "20", "--tasks", "10", "--ops", "300", "--seed", "4", "--failing-inits", "0",
            "--plant-bug", "refcount", "--replay-dir", dir);
        Assert.Equal(1, code);
        var file = Path.Combine(dir, "stress-seed-4.json");
        Assert.Contains($"replay: modactors stress --replay {file}", text, StringComparison.Ordinal);
        var (replayCode, replayText, _) = Invoke("--replay", file);
        Assert.Equal(1, replayCode);
        Assert.Contains("reproduced: the same violation at the same step", replayText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_summary_has_calls_outcomes_and_seeds()
    {
        var (code, text, _) = Invoke("--modules", "20", "--tasks", "10", "--ops", "200", "--failing-inits", "0", "--json",
            "--profile", "6.3", "--replay-dir", dir);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("6.3", root.GetProperty("options").GetProperty("profile").GetString());
        Assert.True(root.GetProperty("calls").GetInt64() > 0);
        Assert.True(root.GetProperty("outcomes").GetArrayLength() > 0);
        Assert.Equal(1, root.GetProperty("seeds").GetArrayLength());
        Assert.Equal(0, root.GetProperty("violations").GetInt32());
    }

    [Theory]
    [InlineData("--mix", "load=1,frob=2", "unknown operation 'frob'")]
    [InlineData("--profile", "5.10", "profile must be 6.12 or 6.3")]
    [InlineData("--tasks", "0", "--tasks must be between")]
    [InlineData("--strategy", "dfs", "--strategy must be random or pct")]
    [InlineData("--replay", "/nonexistent/stress.json", "cannot read")]
    public void Bad_options_exit_2_with_a_message(string option, string value, string expected)
    {
        var (code, _, err) = Invoke(option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }
}
