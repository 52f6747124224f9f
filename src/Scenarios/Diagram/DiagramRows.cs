// The rows of a race diagram, one per step, except that consecutive bookkeeping steps are folded into one
// row that keeps their step numbers. Bookkeeping is a task or module telling kernel_points which kernel
// function or state it reached (PointReached, StateReached) with nothing noted on it: the same fact already
// shows as "a at load_module" or a state mark on the step that did it, and these deliveries are about a
// quarter of a race's steps. A fold never crosses a change of virtual time nor swallows the failing step.
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal sealed record DiagramRow(IReadOnlyList<TraceStep> Steps)
{
    public TraceStep First => Steps[0];

    public TraceStep Last => Steps[^1];

    public bool Folded => Steps.Count > 1;

    public bool Bookkeeping { get; init; }
}

internal static class DiagramRows
{
    public static bool IsBookkeeping(TraceStep s) =>
        s.To == DiagramLanes.KernelPoints
        && s.Annotations.Count == 0
        && (s.Message.StartsWith("PointReached", StringComparison.Ordinal)
            || s.Message.StartsWith("StateReached", StringComparison.Ordinal));

    public static IReadOnlyList<DiagramRow> Build(IReadOnlyList<TraceStep> steps, long? failingStep)
    {
        var rows = new List<DiagramRow>();
        var run = new List<TraceStep>();
        void Flush()
        {
            if (run.Count > 0)
                rows.Add(new DiagramRow([.. run]) { Bookkeeping = true });
            run.Clear();
        }

        foreach (var s in steps)
        {
            if (IsBookkeeping(s) && s.Step != failingStep)
            {
                if (run.Count > 0 && run[^1].Time != s.Time)
                    Flush();
                run.Add(s);
                continue;
            }

            Flush();
            rows.Add(new DiagramRow([s]));
        }

        Flush();
        return rows;
    }
}
