// Progress of a stress run for the progress bar: operations finished over all seeds. Simulations only add
// to it (Interlocked), the display only reads it, so it never influences a simulation.
namespace ModActors.Scenarios.Stress;

/// <summary>How far a stress run is.</summary>
public sealed class StressProgress
{
    private long opsDone;
    private long seedsDone;

    /// <summary>Operations finished so far, over all seeds.</summary>
    public long OpsDone => Interlocked.Read(ref opsDone);

    /// <summary>Seeds finished so far.</summary>
    public long SeedsDone => Interlocked.Read(ref seedsDone);

    internal void OpDone() => Interlocked.Increment(ref opsDone);

    internal void SeedDone() => Interlocked.Increment(ref seedsDone);
}
