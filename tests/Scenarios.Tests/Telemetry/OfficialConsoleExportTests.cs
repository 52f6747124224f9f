// `--otel console`: the official OpenTelemetry console exporter's text for a race, captured from Console.Out into
// the export's writer: one block per span with the kernel's trace ids and virtual times, a resource without a random
// service.instance.id, the official metric blocks; the same text on a second run except where the SDK allows no
// choice (span ids, the metric points' wall-clock times). The metrics cover every kernel in the process, so this
// runs alone.
using System.Text.RegularExpressions;
using ModActors.Scenarios.Telemetry;
using Xunit;

namespace ModActors.Scenarios.Tests.Telemetry;

[Collection("otel metrics")]
public sealed partial class OfficialConsoleExportTests
{
    private static (string Name, string Text) Export(OtelMode modes, Uri? otlp = null)
    {
        var name = KernelRaces.NewSystemName();
        var text = new StringWriter { NewLine = "\n" };
        using (KernelTelemetryExport.Start(modes, text, TextWriter.Null, otlp, name))
            KernelRaces.SlowLoaders(name);
        return (name, text.ToString());
    }

    [Fact]
    public void Each_span_is_an_official_block_with_the_kernels_trace_id_virtual_times_status_and_a_fixed_resource()
    {
        var (name, text) = Export(OtelMode.Console);
        var prefix = TraceIds.PrefixOf(name);
        Assert.Equal(21, Count(text, "Activity.TraceId:"));
        Assert.Equal([TraceIds.Of(prefix, 1), TraceIds.Of(prefix, 2), TraceIds.Of(prefix, 3)],
            TraceIdLine().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains($"""
            Activity.TraceId:            {TraceIds.Of(prefix, 3)}
            """, text, StringComparison.Ordinal);
        Assert.Contains("""
            Activity.DisplayName:        init_module
            Activity.Kind:               Internal
            Activity.StartTime:          2024-01-01T00:00:00.3000000Z
            Activity.Duration:           00:00:00.7000000
            Activity.Tags:
            """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.Contains("    modactors.errno: EEXIST\nStatusCode: Error\nActivity.StatusDescription:  EEXIST\n", text, StringComparison.Ordinal);
        Assert.Contains("""
            Resource associated with Activity:
                service.name: modactors
                telemetry.sdk.name: opentelemetry
            """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("service.instance.id", text, StringComparison.Ordinal);
        Assert.Contains("Metric Name: modactors.kernel.loads, Description: finit_module and init_module calls, Metric Type: LongSum", text, StringComparison.Ordinal);
        Assert.Contains("Value: Sum: 700 Count: 1 Min: 700 Max: 700", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_prints_the_same_text_but_for_span_ids_and_the_metric_points_wall_clock_times()
    {
        var (name, first) = Export(OtelMode.Console);
        var (other, second) = Export(OtelMode.Console);
        second = second.Replace(other, name, StringComparison.Ordinal)
            .Replace(TraceIds.PrefixOf(other).ToString("x16"), TraceIds.PrefixOf(name).ToString("x16"), StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(WithoutRandomParts(first), WithoutRandomParts(second));
    }

    [Fact]
    public void Tree_and_console_at_once_print_both()
    {
        var (_, text) = Export(OtelMode.Tree | OtelMode.Console);
        Assert.Contains("+300ms init_module [task=c target=/m/copy/slow.ko] -> rc=-17 EEXIST (dur 700ms)", text, StringComparison.Ordinal);
        Assert.Contains("modactors.kernel.failures{errno=EEXIST,syscall=init_module} 1", text, StringComparison.Ordinal);
        Assert.Equal(21, Count(text, "Activity.TraceId:"));
        Assert.Contains("Metric Name: modactors.kernel.failures", text, StringComparison.Ordinal);
    }

    [Fact]
    public void With_otlp_each_export_numbers_its_traces_under_a_random_prefix_so_a_collector_keeps_reruns_apart()
    {
        using var collector = new LoopbackCollector();
        var (name, first) = Export(OtelMode.Console | OtelMode.Otlp, collector.Endpoint);
        var (_, second) = Export(OtelMode.Console | OtelMode.Otlp, collector.Endpoint);
        var firstIds = TraceIdLine().Matches(first).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var secondIds = TraceIdLine().Matches(second).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["0000000000000001", "0000000000000002", "0000000000000003"], firstIds.Select(id => id[16..]));
        Assert.Equal(firstIds.Select(id => id[16..]), secondIds.Select(id => id[16..]));
        Assert.NotEqual(firstIds[0][..16], secondIds[0][..16]);
        Assert.NotEqual(TraceIds.PrefixOf(name).ToString("x16"), firstIds[0][..16]);
    }

    [Fact]
    public void Two_exports_running_at_once_on_two_threads_each_write_only_their_own_spans_to_their_own_writer()
    {
        var names = new[] { KernelRaces.NewSystemName(), KernelRaces.NewSystemName() };
        var texts = names.Select(_ => new StringWriter { NewLine = "\n" }).ToArray();
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            using (KernelTelemetryExport.Start(OtelMode.Console, texts[i], TextWriter.Null, null, names[i]))
            {
                start.SignalAndWait();
                KernelRaces.SlowLoaders(names[i]);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (var i = 0; i < 2; i++)
        {
            var text = texts[i].ToString();
            Assert.Equal(21, Count(text, "Activity.TraceId:"));
            Assert.Equal(3, Count(text, $"modactors.system: {names[i]}\n"));
            Assert.DoesNotContain(names[1 - i], text, StringComparison.Ordinal);
        }
    }

    /// <summary>Span ids renamed in order of first appearance; metric points' time ranges blanked.</summary>
    private static string WithoutRandomParts(string text)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        text = SpanIdLine().Replace(text, m =>
        {
            if (!names.TryGetValue(m.Groups[2].Value, out var label))
                names.Add(m.Groups[2].Value, label = $"span{names.Count + 1}");
            return m.Groups[1].Value + label;
        });
        return MetricTimes().Replace(text, "(start, end]");
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex(@"^Activity\.TraceId: +([0-9a-f]{32})$", RegexOptions.Multiline)]
    private static partial Regex TraceIdLine();

    [GeneratedRegex(@"^(Activity\.(?:Parent)?SpanId: +)([0-9a-f]{16})$", RegexOptions.Multiline)]
    private static partial Regex SpanIdLine();

    [GeneratedRegex(@"^\(\d{4}-\d\d-\d\dT[0-9:.]+Z, \d{4}-\d\d-\d\dT[0-9:.]+Z\]", RegexOptions.Multiline)]
    private static partial Regex MetricTimes();
}
