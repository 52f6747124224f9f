// `--otel tree|console|otlp` (one or more): an OpenTelemetry SDK TracerProvider listening to the kernel's
// ActivitySource and a MeterProvider reading its Meter (both "ModActors.Kernel"), with one processor and one metric
// reader per mode: our compact tree (SpanTreeExporter, MetricSummaryExporter) and the official console exporters
// (OfficialConsoleExport) on the output writer, spans exported one by one as they end (SimpleActivityExportProcessor,
// so the text is in simulation order); the official OTLP exporters over http/protobuf (spans batched,
// BatchActivityExportProcessor). Metrics are exported once, when the export is disposed at the end of the run;
// disposing also flushes the spans. A system filter keeps only the traces of one Simulation (KernelTraceFilter);
// the kernel's metrics carry no system, so they cover every kernel that ran in the process meanwhile. In OTLP mode,
// requests the collector did not take are summed up on the error writer at the end (OtlpDeliveryLog), since the SDK
// itself drops them silently.
// Reproducibility: the resource has no random service.instance.id, timestamps are virtual time, trace ids are the
// kernel's own (KernelTraceIds: from the system name and the call's number). With otlp among the modes, the kernels
// booted on this thread get a random trace-id prefix instead, so that a collector does not merge a rerun's spans
// into the previous run's traces. What stays random: span ids (.NET has no hook for them) and the wall-clock start
// and end times the SDK stamps on each metric point.
using System.Diagnostics;
using System.Security.Cryptography;
using ModActors.Kernel;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModActors.Scenarios.Telemetry;

internal static class KernelTelemetryExport
{
    /// <summary>The OTLP batch queue: large, because a simulation ends spans far faster than a collector takes them.</summary>
    private const int OtlpMaxQueueSize = 1 << 18;

    private const int OtlpMaxExportBatchSize = 4096;

    private const int OtlpTimeoutMilliseconds = 10_000;

    /// <summary>
    /// Starts exporting the kernel's telemetry to every mode in <paramref name="modes"/>; dispose the result at the end of
    /// the run (on this thread) to flush it. The tree and the official console text go to <paramref name="output"/>,
    /// OTLP delivery failures to <paramref name="error"/>. Throws ArgumentException (with the reason) for a missing or
    /// unusable OTLP endpoint.
    /// </summary>
    public static IDisposable Start(OtelMode modes, TextWriter output, TextWriter error, Uri? otlpEndpoint, string? systemFilter)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (modes == OtelMode.None)
            return new Export(null, null, null, null, null, error);
        if (modes.HasFlag(OtelMode.Otlp) && OtlpEndpoint.Check(otlpEndpoint) is { } problem)
            throw new ArgumentException(problem, nameof(otlpEndpoint));

        var spans = new List<BaseProcessor<Activity>>();
        var readers = new List<MetricReader>();
        OtlpDeliveryLog? delivery = null;
        IDisposable? capture = null;
        IDisposable? traceIds = null;
        if (modes.HasFlag(OtelMode.Tree))
        {
            spans.Add(new SimpleActivityExportProcessor(new SpanTreeExporter(output)));
            readers.Add(new BaseExportingMetricReader(new MetricSummaryExporter(output)));
        }
        if (modes.HasFlag(OtelMode.Console))
        {
            capture = ConsoleCapture.Install();
            spans.Add(OfficialConsoleExport.Spans(output));
            readers.Add(OfficialConsoleExport.Metrics(output));
        }
        if (modes.HasFlag(OtelMode.Otlp))
        {
            delivery = new OtlpDeliveryLog();
            spans.Add(new BatchActivityExportProcessor(new OtlpTraceExporter(Options(OtlpEndpoint.Signal(otlpEndpoint!, "v1/traces"), delivery)),
                OtlpMaxQueueSize, exporterTimeoutMilliseconds: OtlpTimeoutMilliseconds, maxExportBatchSize: OtlpMaxExportBatchSize));
            readers.Add(new BaseExportingMetricReader(new OtlpMetricExporter(Options(OtlpEndpoint.Signal(otlpEndpoint!, "v1/metrics"), delivery))));
            traceIds = KernelTelemetry.UseTraceIdPrefix(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)));
        }

        var resource = ResourceBuilder.CreateDefault().AddService("modactors", autoGenerateServiceInstanceId: false);
        var tracerBuilder = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(KernelTelemetry.Name);
        if (systemFilter is not null)
            tracerBuilder.AddProcessor(new KernelTraceFilter(systemFilter, spans.Count == 1 ? spans[0] : new CompositeProcessor<Activity>(spans)));
        else
            spans.ForEach(p => tracerBuilder.AddProcessor(p));
        var meterBuilder = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(KernelTelemetry.Name);
        readers.ForEach(r => meterBuilder.AddReader(r));
        return new Export(tracerBuilder.Build(), meterBuilder.Build(), delivery, capture, traceIds, error);
    }

    private static OtlpExporterOptions Options(Uri endpoint, OtlpDeliveryLog delivery) => new()
    {
        Endpoint = endpoint,
        Protocol = OtlpExportProtocol.HttpProtobuf,
        TimeoutMilliseconds = OtlpTimeoutMilliseconds,
        HttpClientFactory = () => new HttpClient(delivery, disposeHandler: false) { Timeout = TimeSpan.FromMilliseconds(OtlpTimeoutMilliseconds) },
    };

    private sealed class Export(TracerProvider? tracer, MeterProvider? meter, OtlpDeliveryLog? delivery, IDisposable? capture,
        IDisposable? traceIds, TextWriter console) : IDisposable
    {
        public void Dispose()
        {
            // Dispose alone waits 5 s for the span batch to go out; a loaded machine needs the full export timeout.
            // (Metrics are exported once, by Dispose.)
            tracer?.ForceFlush(OtlpTimeoutMilliseconds);
            tracer?.Dispose();
            meter?.Dispose();
            capture?.Dispose();
            traceIds?.Dispose();
            if (delivery is null)
                return;
            var failures = delivery.Failures;
            if (failures.Count > 0)
                console.WriteLine($"otel: {failures.Count} of {delivery.Sent} OTLP export requests failed; first: {failures[0]}");
            delivery.Dispose();
        }
    }
}
