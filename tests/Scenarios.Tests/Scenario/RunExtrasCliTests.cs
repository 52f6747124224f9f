// `modactors run` with a race diagram and OpenTelemetry export: the files and text a user gets, and clear
// exit-2 errors for bad options.
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

[Collection("otel metrics")]
public sealed class RunExtrasCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("run-extras-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Lib(string name) => Path.Combine(ScenarioFiles.Library, name);

    [Theory]
    [InlineData("race.html", "<!DOCTYPE html>")]
    [InlineData("race.mmd", "sequenceDiagram")]
    public void Run_with_diagram_writes_the_run_as_html_or_mermaid(string name, string start)
    {
        var path = Path.Combine(dir, name);
        var (code, text, _) = ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), "--diagram", path);
        Assert.Equal(0, code);
        Assert.EndsWith("verdict: pass\n", text, StringComparison.Ordinal);
        var diagram = File.ReadAllText(path);
        Assert.StartsWith(start, diagram, StringComparison.Ordinal);
        Assert.Contains("module_mutex", diagram, StringComparison.Ordinal);
        Assert.Contains("idem_hash", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_otel_tree_prints_the_span_tree_and_metrics_before_the_report()
    {
        var (code, text, _) = ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), "--otel", "tree");
        Assert.Equal(0, code);
        Assert.Contains("+2000ms finit_module [task=later target=/lib/modules/slow.ko] -> rc=-17 EEXIST", text, StringComparison.Ordinal);
        Assert.Matches(@"wait idempotent completion \(dur 10\d\dms\)", text);
        Assert.Contains("modactors.kernel.loads{syscall=finit_module} 5", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("metrics:", StringComparison.Ordinal) < text.IndexOf("verdict: pass", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_with_otel_console_prints_the_official_exporters_blocks_before_the_report()
    {
        var (code, text, _) = ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), "--otel", "console");
        Assert.Equal(0, code);
        Assert.Contains("Activity.DisplayName:        finit_module\nActivity.Kind:               Internal\nActivity.StartTime:          2024-01-01T00:00:02.0000000Z",
            text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("    service.name: modactors", text, StringComparison.Ordinal);
        Assert.Contains("Metric Name: modactors.kernel.loads", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(dur ", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Metric Name:", StringComparison.Ordinal) < text.IndexOf("verdict: pass", StringComparison.Ordinal));
    }

    [Fact]
    public void Otel_may_be_given_more_than_once()
    {
        var (code, text, error) = ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), "--otel", "tree", "--otel", "console");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Matches(@"wait idempotent completion \(dur 10\d\dms\)", text);
        Assert.Contains("Activity.DisplayName:        wait idempotent completion", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--diagram", "out.png", "unknown diagram format '.png'")]
    [InlineData("--otel", "jaeger", "--otel jaeger: expected tree, console, otlp or none")]
    [InlineData("--otel", "otlp", "--otlp-endpoint")]
    public void Bad_extras_exit_2_with_a_clear_message(string option, string value, string message)
    {
        var (code, _, error) = ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagram_and_otel_show_one_run_so_they_refuse_runs()
    {
        var (code, _, error) = ScenarioFiles.Cli("run", Lib("a_same_inode_x4.yaml"), "--runs", "5", "--strategy", "pct", "--diagram", Path.Combine(dir, "x.html"));
        Assert.Equal(2, code);
        Assert.Contains("--diagram and --otel show one run", error, StringComparison.Ordinal);
    }
}
