// `--otel tree` for spans: the kernel's spans as one compact tree per trace (see SpanTree), written when the
// trace's root span (the system call) ends; at shutdown, the spans of traces whose root never ended (a task still
// blocked) are written too. Written on the OpenTelemetry SDK's BaseExporter next to the official console exporter
// (`--otel console`), because reading a race needs one line a span, nested, on virtual milliseconds, with rc and
// errno, and no ids, so that two schedules can be diffed: about 60 lines where the official exporter prints about
// 800 (a block of ~15 lines per span) for the same run.
using System.Diagnostics;
using OpenTelemetry;

namespace ModActors.Scenarios.Telemetry;

internal sealed class SpanTreeExporter(TextWriter output) : BaseExporter<Activity>
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
