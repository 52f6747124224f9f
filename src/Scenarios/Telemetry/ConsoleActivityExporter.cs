// `--otel console` for spans: the kernel's spans as one compact tree per trace (see SpanTree), written when the
// trace's root span (the system call) ends; at shutdown, the spans of traces whose root never ended (a task still
// blocked) are written too. Hand-written on the OpenTelemetry SDK's BaseExporter because the
// OpenTelemetry.Exporter.Console package is not served by the registry this project builds against, and because
// its output (a block per span with random span and trace ids) is neither compact nor the same from run to run.
using System.Diagnostics;
using OpenTelemetry;

namespace ModActors.Scenarios.Telemetry;

internal sealed class ConsoleActivityExporter(TextWriter output) : BaseExporter<Activity>
{
    private readonly Dictionary<ActivityTraceId, List<Activity>> pending = [];
    private readonly List<ActivityTraceId> arrival = [];
    private readonly Lock gate = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (gate)
        {
            foreach (var span in batch)
            {
                if (!pending.TryGetValue(span.TraceId, out var spans))
                {
                    pending.Add(span.TraceId, spans = []);
                    arrival.Add(span.TraceId);
                }
                spans.Add(span);
                if (span.ParentSpanId == default)
                {
                    pending.Remove(span.TraceId);
                    arrival.Remove(span.TraceId);
                    SpanTree.Write(output, spans);
                }
            }
            output.Flush();
        }
        return ExportResult.Success;
    }

    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        lock (gate)
        {
            foreach (var trace in arrival)
                SpanTree.Write(output, pending[trace]);
            pending.Clear();
            arrival.Clear();
            output.Flush();
        }
        return true;
    }
}
