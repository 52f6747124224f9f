// `--otel console|otlp`: an OpenTelemetry SDK TracerProvider listening to the kernel's ActivitySource and a
// MeterProvider reading its Meter (both "ModActors.Kernel"), exporting to our console exporters (spans exported one by
// one as they end, SimpleActivityExportProcessor, so the text is in simulation order) or to the official OTLP
// exporters over http/protobuf (spans batched, BatchActivityExportProcessor). Metrics are exported once, when the
// export is disposed at the end of the run; disposing also flushes the spans. A system filter keeps only the traces
// of one Simulation (KernelTraceFilter); the kernel's metrics carry no system, so they cover every kernel that ran in
// the process meanwhile. In OTLP mode, requests the collector did not take are summed up on the console writer at the
// end (OtlpDeliveryLog), since the SDK itself drops them silently.
using System.Diagnostics;
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
    /// Starts exporting the kernel's telemetry; dispose the result at the end of the run to flush it. Throws
    /// ArgumentException (with the reason) for a missing or unusable OTLP endpoint.
    /// </summary>
    public static IDisposable Start(OtelMode mode, TextWriter console, Uri? otlpEndpoint, string? systemFilter)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (mode == OtelMode.None)
            return new Export(null, null, null, console);
        BaseProcessor<Activity> spans;
        BaseExporter<Metric> metrics;
        OtlpDeliveryLog? delivery = null;
        if (mode == OtelMode.Console)
        {
            spans = new SimpleActivityExportProcessor(new ConsoleActivityExporter(console));
            metrics = new ConsoleMetricExporter(console);
        }
        else
        {
            if (OtlpEndpoint.Check(otlpEndpoint) is { } problem)
                throw new ArgumentException(problem, nameof(otlpEndpoint));
            delivery = new OtlpDeliveryLog();
            spans = new BatchActivityExportProcessor(new OtlpTraceExporter(Options(OtlpEndpoint.Signal(otlpEndpoint!, "v1/traces"), delivery)),
                OtlpMaxQueueSize, exporterTimeoutMilliseconds: OtlpTimeoutMilliseconds, maxExportBatchSize: OtlpMaxExportBatchSize);
            metrics = new OtlpMetricExporter(Options(OtlpEndpoint.Signal(otlpEndpoint!, "v1/metrics"), delivery));
        }
        if (systemFilter is not null)
            spans = new KernelTraceFilter(systemFilter, spans);

        var resource = ResourceBuilder.CreateDefault().AddService("modactors");
        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(KernelTelemetry.Name)
            .AddProcessor(spans)
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(KernelTelemetry.Name)
            .AddReader(new BaseExportingMetricReader(metrics))
            .Build();
        return new Export(tracer, meter, delivery, console);
    }

    private static OtlpExporterOptions Options(Uri endpoint, OtlpDeliveryLog delivery) => new()
    {
        Endpoint = endpoint,
        Protocol = OtlpExportProtocol.HttpProtobuf,
        TimeoutMilliseconds = OtlpTimeoutMilliseconds,
        HttpClientFactory = () => new HttpClient(delivery, disposeHandler: false) { Timeout = TimeSpan.FromMilliseconds(OtlpTimeoutMilliseconds) },
    };

    private sealed class Export(TracerProvider? tracer, MeterProvider? meter, OtlpDeliveryLog? delivery, TextWriter console) : IDisposable
    {
        public void Dispose()
        {
            // Dispose alone waits 5 s for the span batch to go out; a loaded machine needs the full export timeout.
            // (Metrics are exported once, by Dispose.)
            tracer?.ForceFlush(OtlpTimeoutMilliseconds);
            tracer?.Dispose();
            meter?.Dispose();
            if (delivery is null)
                return;
            var failures = delivery.Failures;
            if (failures.Count > 0)
                console.WriteLine($"otel: {failures.Count} of {delivery.Sent} OTLP export requests failed; first: {failures[0]}");
            delivery.Dispose();
        }
    }
}
