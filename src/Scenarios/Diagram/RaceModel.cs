// Everything both diagrams draw, read once from a trace and the runner's summary: the lanes, the steps (one
// row each), the waits, who held module_mutex, and the marks each step puts on a lane.
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal sealed class RaceModel
{
    private readonly Dictionary<string, Lane> lanesByName;

    private RaceModel(IReadOnlyList<TraceStep> steps, RunSummary summary)
    {
        Steps = steps;
        Summary = summary;
        Lanes = DiagramLanes.Build(steps, summary);
        lanesByName = Lanes.ToDictionary(l => l.Name, StringComparer.Ordinal);
        Waits = WaitBars.Find(steps, name => LaneOf(name)?.Kind);
        Holds = lanesByName.ContainsKey(DiagramLanes.ModuleMutex) ? MutexHolds.Find(steps) : [];
    }

    /// <summary>The trace's steps in step order; each is one row of the diagram.</summary>
    public IReadOnlyList<TraceStep> Steps { get; }

    public RunSummary Summary { get; }

    public IReadOnlyList<Lane> Lanes { get; }

    public IReadOnlyList<WaitBar> Waits { get; }

    public IReadOnlyList<MutexHold> Holds { get; }

    public TimeSpan EndTime => Steps.Count > 0 ? Steps[^1].Time : TimeSpan.Zero;

    public static RaceModel Build(Trace trace, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(summary);
        return new RaceModel(trace.Steps, summary);
    }

    public Lane? LaneOf(string name) => lanesByName.GetValueOrDefault(name);

    public IEnumerable<StepMark> MarksOf(TraceStep step) => StepMarks.Marks(step, n => lanesByName.ContainsKey(n));

    public bool IsFailing(TraceStep step) => Summary.FailingStep == step.Step;
}
