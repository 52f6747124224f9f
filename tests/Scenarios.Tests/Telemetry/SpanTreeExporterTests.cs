// `--otel tree` for spans: the kernel's spans of a small race as compact trees on virtual time, one per system
// call, the same text on every run, and only the traces of the system the export was started for.
using System.Diagnostics;
using ModActors.Kernel;
using ModActors.Scenarios.Telemetry;
using OpenTelemetry;
using Xunit;

namespace ModActors.Scenarios.Tests.Telemetry;

public sealed class SpanTreeExporterTests
{
    private const string SlowLoadersTrees = """
        +200ms finit_module [task=b target=/m/slow.ko] -> rc=0 (dur 800ms)
          +200ms idempotent (dur 0ms)
          +200ms idempotent_wait_for_completion (dur 800ms)
            +200ms wait idempotent completion (dur 800ms)
        +0ms finit_module [task=a target=/m/slow.ko] -> rc=0 (dur 1000ms)
          +0ms idempotent (dur 0ms)
          +0ms init_module_from_file (dur 0ms)
          +0ms load_module (dur 0ms)
          +0ms early_mod_check (dur 0ms)
          +0ms layout_and_allocate (dur 0ms)
          +0ms add_unformed_module (dur 0ms)
          +0ms simplify_symbols (dur 0ms)
          +0ms complete_formation (dur 0ms)
            * slow COMING at +0ms
          +0ms prepare_coming_module (dur 0ms)
          +0ms parse_args (dur 0ms)
          +0ms do_init_module (dur 1000ms)
            * slow LIVE at +1000ms
        +300ms init_module [task=c target=/m/copy/slow.ko] -> rc=-17 EEXIST (dur 700ms)
          +300ms load_module (dur 0ms)
          +300ms early_mod_check (dur 0ms)
          +300ms module_patient_check_exists:wait (dur 700ms)
            +300ms wait module_wq (dur 700ms)

        """;

    /// <summary>The span trees an export filtered on the race's system wrote (the metrics after them left out).</summary>
    private static string Trees(Action<string> run)
    {
        var name = KernelRaces.NewSystemName();
        var text = new StringWriter { NewLine = "\n" };
        using (KernelTelemetryExport.Start(OtelMode.Tree, text, TextWriter.Null, null, name))
            run(name);
        var all = text.ToString();
        return all[..all.IndexOf("metrics:", StringComparison.Ordinal)];
    }

    [Fact]
    public void Each_system_call_of_a_race_is_a_tree_of_its_stages_and_waits_with_state_changes_on_virtual_time()
    {
        Assert.Equal(SlowLoadersTrees.ReplaceLineEndings("\n"), Trees(KernelRaces.SlowLoaders));
    }

    [Fact]
    public void Two_runs_of_the_same_race_print_the_same_text()
    {
        var first = Trees(KernelRaces.SlowLoaders);
        var second = Trees(KernelRaces.SlowLoaders);
        Assert.Equal(first, second);
        Assert.Contains("rc=-17 EEXIST", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Traces_of_other_systems_running_meanwhile_are_left_out()
    {
        var trees = Trees(name =>
        {
            KernelRaces.SlowLoaders(KernelRaces.NewSystemName());
            KernelRaces.SlowLoaders(name);
            KernelRaces.SlowLoaders(KernelRaces.NewSystemName());
        });
        Assert.Equal(SlowLoadersTrees.ReplaceLineEndings("\n"), trees);
    }

    [Fact]
    public void Spans_of_a_system_call_that_never_ended_are_written_at_shutdown_under_no_parent()
    {
        var text = new StringWriter { NewLine = "\n" };
        using var exporter = new SpanTreeExporter(text);
        var root = Span("finit_module", default, 0, null);
        var wait = Span("wait module_wq", root.Context, 300, 700);
        Assert.Equal(ExportResult.Success, exporter.Export(new Batch<Activity>([wait], 1)));
        Assert.Equal("", text.ToString());
        exporter.Shutdown();
        Assert.Equal("+300ms wait module_wq (dur 700ms) (parent span unfinished)\n", text.ToString());
    }

    private static Activity Span(string name, ActivityContext parent, double startMs, double? durationMs)
    {
        Activity.Current = null;
        var span = new Activity(name);
        span.SetIdFormat(ActivityIdFormat.W3C);
        if (parent != default)
            span.SetParentId(parent.TraceId, parent.SpanId, ActivityTraceFlags.Recorded);
        span.SetStartTime(KernelTelemetry.Epoch.UtcDateTime.AddMilliseconds(startMs));
        span.Start();
        Activity.Current = null;
        if (durationMs is { } d)
        {
            span.SetEndTime(span.StartTimeUtc.AddMilliseconds(d));
            span.Stop();
        }
        return span;
    }
}
