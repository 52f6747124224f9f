// Keeps only the traces of one simulation (Simulation) for the exporters behind it. The ActivitySource is
// process-wide, so a provider also sees the spans of every other kernel running in the process (tests run kernels in
// parallel); only a trace's root span, the system call, carries the modactors.system tag, and it ends last. So spans
// are held per trace until the root ends, then passed on (in the order they ended) if the root belongs to the
// system, dropped otherwise. Traces whose root never ends cannot be attributed and are dropped.
using System.Diagnostics;
using OpenTelemetry;

namespace ModActors.Scenarios.Telemetry;

internal sealed class KernelTraceFilter(string system, BaseProcessor<Activity> next) : CompositeProcessor<Activity>([next])
{
    private readonly Dictionary<ActivityTraceId, List<Activity>> pending = [];
    private readonly Lock gate = new();

    public override void OnEnd(Activity data)
    {
        List<Activity> trace;
        lock (gate)
        {
            if (!pending.TryGetValue(data.TraceId, out trace!))
                pending.Add(data.TraceId, trace = []);
            trace.Add(data);
            if (data.ParentSpanId != default)
                return;
            pending.Remove(data.TraceId);
        }
        if ((string?)data.GetTagItem("modactors.system") != system)
            return;
        foreach (var span in trace)
            base.OnEnd(span);
    }
}
