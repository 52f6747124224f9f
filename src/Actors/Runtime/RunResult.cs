// How a run ended: the outcome and the report that goes with it.
using System.Globalization;

namespace ModActors.Runtime;

/// <summary>Why a run stopped.</summary>
public enum RunOutcome
{
    /// <summary>Nothing is enabled, no timer is pending and nobody waits.</summary>
    Quiescent,

    /// <summary>Nothing is enabled and no timer is pending, but some party still waits.</summary>
    Deadlock,

    /// <summary>An exception escaped a handler (or the schedule diverged from a replayed one).</summary>
    Failure,

    /// <summary>An invariant added with <see cref="Simulation.AddInvariant"/> failed.</summary>
    InvariantViolation,

    /// <summary>The run reached <see cref="SimulationOptions.MaxSteps"/>.</summary>
    StepLimit,
}

/// <summary>The result of <see cref="Simulation.Run"/>.</summary>
public sealed class RunResult
{
    internal RunResult(RunOutcome outcome, long steps, TimeSpan virtualTime, Trace trace, Schedule schedule)
    {
        Outcome = outcome;
        Steps = steps;
        VirtualTime = virtualTime;
        Trace = trace;
        Schedule = schedule;
    }

    /// <summary>Why the run stopped.</summary>
    public RunOutcome Outcome { get; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="RunOutcome.Deadlock"/>.</summary>
    public DeadlockReport? Deadlock { get; init; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="RunOutcome.Failure"/>.</summary>
    public FailureReport? Failure { get; init; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="RunOutcome.InvariantViolation"/>: "name: text (step n)".</summary>
    public string? Violation { get; init; }

    /// <summary>Steps executed so far.</summary>
    public long Steps { get; }

    /// <summary>Virtual time at the end.</summary>
    public TimeSpan VirtualTime { get; }

    /// <summary>The steps recorded (empty when tracing is off).</summary>
    public Trace Trace { get; }

    /// <summary>The choices made; save it to replay the run.</summary>
    public Schedule Schedule { get; }

    /// <summary>A one-paragraph description of the result.</summary>
    public override string ToString()
    {
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"{Outcome} after {Steps} steps at t={TraceStep.FormatTime(VirtualTime)}");
        return Outcome switch
        {
            RunOutcome.Deadlock => head + "\n" + Deadlock,
            RunOutcome.Failure => head + "\n" + Failure,
            RunOutcome.InvariantViolation => head + "\ninvariant violated: " + Violation,
            _ => head,
        };
    }
}
