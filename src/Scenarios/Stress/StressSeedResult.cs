// What one seed's simulation gave: its calls and their results, the steps and virtual time it took, the
// kernel's duplicate-load statistics, and, when the run ended badly, the violation and its schedule.
using ModActors.Runtime;

namespace ModActors.Scenarios.Stress;

/// <summary>The result of one seed.</summary>
public sealed class StressSeedResult
{
    internal StressSeedResult(long seed, StressCounts counts, RunResult run, string? violation, long duplicateLoads,
        long wastedBytes, int modulesLeft)
    {
        Seed = seed;
        Counts = counts;
        Outcome = run.Outcome;
        Steps = run.Steps;
        VirtualTime = run.VirtualTime;
        Violation = violation;
        Schedule = violation is null ? null : run.Schedule;
        DuplicateLoadFailures = duplicateLoads;
        WastedBytes = wastedBytes;
        ModulesLeft = modulesLeft;
    }

    /// <summary>A seed's result as another process computed it (the fields of a result, sent over the network).</summary>
    internal StressSeedResult(long seed, StressCounts counts, RunOutcome outcome, long steps, TimeSpan virtualTime, string? violation,
        Schedule? schedule, long duplicateLoads, long wastedBytes, int modulesLeft)
    {
        Seed = seed;
        Counts = counts;
        Outcome = outcome;
        Steps = steps;
        VirtualTime = virtualTime;
        Violation = violation;
        Schedule = violation is null ? null : schedule;
        DuplicateLoadFailures = duplicateLoads;
        WastedBytes = wastedBytes;
        ModulesLeft = modulesLeft;
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>How the run ended.</summary>
    public RunOutcome Outcome { get; }

    /// <summary>Steps executed.</summary>
    public long Steps { get; }

    /// <summary>Virtual time at the end.</summary>
    public TimeSpan VirtualTime { get; }

    /// <summary>The violation (invariant, deadlock, failure, step limit or end-of-run check), or null.</summary>
    public string? Violation { get; }

    /// <summary>The schedule of a run with a violation (null otherwise).</summary>
    public Schedule? Schedule { get; }

    /// <summary>Duplicate loads the kernel counted (dup_failed_modules, CONFIG_MODULE_STATS).</summary>
    public long DuplicateLoadFailures { get; }

    /// <summary>Bytes read or allocated for loads that failed (the invalid_*_bytes statistics).</summary>
    public long WastedBytes { get; }

    /// <summary>Modules still listed at the end.</summary>
    public int ModulesLeft { get; }

    /// <summary>System calls made.</summary>
    public long Calls => Counts.Calls;

    internal StressCounts Counts { get; }
}
