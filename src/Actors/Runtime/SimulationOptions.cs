// The options of one simulation.
namespace ModActors.Runtime;

/// <summary>How a simulation runs.</summary>
public sealed class SimulationOptions
{
    /// <summary>Picks the next step among the enabled ones; fifo by default.</summary>
    public ISchedulingStrategy Strategy { get; init; } = new FifoStrategy();

    /// <summary>A run stops with <see cref="RunOutcome.StepLimit"/> after this many steps.</summary>
    public long MaxSteps { get; init; } = 1_000_000;

    /// <summary>Whether each step is recorded in the <see cref="Trace"/> (off for benchmarks).</summary>
    public bool RecordTrace { get; init; } = true;

    /// <summary>A name for reports; defaults to the system's name.</summary>
    public string? Name { get; init; }
}
