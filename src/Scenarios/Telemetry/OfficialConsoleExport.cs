// `--otel console`: the official OpenTelemetry console exporters (OpenTelemetry.Exporter.Console's
// ConsoleActivityExporter and ConsoleMetricExporter, the exporters AddConsoleExporter adds), so the text is what
// every OpenTelemetry user knows. They are built here rather than with AddConsoleExporter for two reasons: a span
// processor must sit behind KernelTraceFilter to keep one simulation's traces, and the exporters' Console.WriteLine
// must reach the command's output writer (ConsoleCapture). Spans go through a SimpleActivityExportProcessor, as
// AddConsoleExporter does; metrics through a reader that exports once, when the run ends (AddConsoleExporter's
// periodic reader would also print every 10 s of wall-clock time, so a long run would not print the same text twice).
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ModActors.Scenarios.Telemetry;

internal static class OfficialConsoleExport
{
    /// <summary>The span processor: the official exporter writing each span to <paramref name="output"/> as it ends.</summary>
    public static BaseProcessor<Activity> Spans(TextWriter output) =>
        new CapturedSpans(output, new SimpleActivityExportProcessor(new ConsoleActivityExporter(new ConsoleExporterOptions())));

    /// <summary>The metric reader: the official exporter writing the run's metrics to <paramref name="output"/> at its end.</summary>
    public static MetricReader Metrics(TextWriter output) =>
        new CapturedMetrics(output, new ConsoleMetricExporter(new ConsoleExporterOptions()));

    private sealed class CapturedSpans(TextWriter output, BaseProcessor<Activity> next) : CompositeProcessor<Activity>([next])
    {
        public override void OnEnd(Activity data)
        {
            using (ConsoleCapture.To(output))
                base.OnEnd(data);
        }
    }

    private sealed class CapturedMetrics(TextWriter output, BaseExporter<Metric> exporter) : BaseExportingMetricReader(exporter)
    {
        protected override bool OnCollect(int timeoutMilliseconds)
        {
            using (ConsoleCapture.To(output))
                return base.OnCollect(timeoutMilliseconds);
        }
    }
}
