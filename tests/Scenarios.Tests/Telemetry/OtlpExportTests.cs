// `--otel otlp --otlp-endpoint URL`: the official OTLP exporter over http/protobuf, pointed at a collector on
// loopback, posts the kernel's spans to /v1/traces and its metrics to /v1/metrics by the time the export is disposed.
using System.Text;
using ModActors.Scenarios.Telemetry;
using Xunit;

namespace ModActors.Scenarios.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public void A_race_reaches_the_collector_as_protobuf_spans_and_metrics_on_the_signal_paths()
    {
        using var collector = new LoopbackCollector();
        var name = KernelRaces.NewSystemName();
        using (KernelTelemetryExport.Start(OtelMode.Otlp, TextWriter.Null, TextWriter.Null, collector.Endpoint, name))
            KernelRaces.SlowLoaders(name);

        var requests = collector.Requests.ToList();
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("application/x-protobuf", r.ContentType);
        });
        var traces = Text(requests.Where(r => r.Path == "/v1/traces"));
        foreach (var span in new[] { "finit_module", "init_module", "do_init_module", "wait idempotent completion", "wait module_wq", "slow LIVE", "EEXIST", name })
            Assert.Contains(span, traces, StringComparison.Ordinal);
        var metrics = Text(requests.Where(r => r.Path == "/v1/metrics"));
        foreach (var metric in new[] { "modactors.kernel.loads", "modactors.kernel.failures", "modactors.kernel.wait_duration", "modactors" })
            Assert.Contains(metric, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(requests, r => r.Path is not "/v1/traces" and not "/v1/metrics");
    }

    [Fact]
    public void The_traces_of_other_systems_are_not_sent()
    {
        using var collector = new LoopbackCollector();
        var name = KernelRaces.NewSystemName();
        var other = KernelRaces.NewSystemName();
        using (KernelTelemetryExport.Start(OtelMode.Otlp, TextWriter.Null, TextWriter.Null, collector.Endpoint, name))
        {
            KernelRaces.SlowLoaders(other);
            KernelRaces.SlowLoaders(name);
        }
        var traces = Text(collector.Requests.Where(r => r.Path == "/v1/traces"));
        Assert.Contains(name, traces, StringComparison.Ordinal);
        Assert.DoesNotContain(other, traces, StringComparison.Ordinal);
    }

    [Fact]
    public void A_collector_under_a_path_gets_the_signal_paths_appended_to_it()
    {
        using var collector = new LoopbackCollector();
        var name = KernelRaces.NewSystemName();
        using (KernelTelemetryExport.Start(OtelMode.Otlp, TextWriter.Null, TextWriter.Null, new Uri(collector.Endpoint, "otlp"), name))
            KernelRaces.SlowLoaders(name);
        var paths = collector.Requests.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["/otlp/v1/metrics", "/otlp/v1/traces"], paths);
    }

    [Fact]
    public void A_collector_that_is_not_listening_is_reported_at_the_end_of_the_run()
    {
        var endpoint = new Uri($"http://127.0.0.1:{LoopbackCollector.FreePort()}/");
        var console = new StringWriter();
        var name = KernelRaces.NewSystemName();
        using (KernelTelemetryExport.Start(OtelMode.Otlp, TextWriter.Null, console, endpoint, name))
            KernelRaces.SlowLoaders(name);
        Assert.StartsWith("otel: 2 of 2 OTLP export requests failed; first: " + endpoint + "v1/", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("Connection refused", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_collector_that_refuses_the_data_is_reported_with_its_http_status()
    {
        using var collector = new LoopbackCollector(404);
        var console = new StringWriter();
        var name = KernelRaces.NewSystemName();
        using (KernelTelemetryExport.Start(OtelMode.Otlp, TextWriter.Null, console, collector.Endpoint, name))
            KernelRaces.SlowLoaders(name);
        Assert.Equal($"otel: 2 of 2 OTLP export requests failed; first: {collector.Endpoint}v1/traces: HTTP 404 Not Found" + Environment.NewLine,
            console.ToString());
    }

    [Fact]
    public void A_collector_that_takes_the_data_leaves_the_console_quiet()
    {
        using var collector = new LoopbackCollector();
        var console = new StringWriter();
        var name = KernelRaces.NewSystemName();
        using (KernelTelemetryExport.Start(OtelMode.Otlp, TextWriter.Null, console, collector.Endpoint, name))
            KernelRaces.SlowLoaders(name);
        Assert.Equal("", console.ToString());
        Assert.Equal(2, collector.Requests.Count);
    }

    [Fact]
    public void Otlp_without_an_endpoint_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => KernelTelemetryExport.Start(OtelMode.Otlp, TextWriter.Null, TextWriter.Null, null, null));
        Assert.StartsWith("--otel otlp needs --otlp-endpoint URL", e.Message, StringComparison.Ordinal);
    }

    private static string Text(IEnumerable<CollectedRequest> requests) =>
        string.Concat(requests.Select(r => Encoding.UTF8.GetString(r.Body)));
}
