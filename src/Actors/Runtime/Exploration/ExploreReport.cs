// The result of an exploration: every run in seed (or schedule) order, the distinct outcomes with
// their counts, and printable lines. Nothing in it depends on the number of cores used.
using System.Globalization;

namespace ModActors.Runtime;

/// <summary>One run of an exploration.</summary>
/// <param name="Index">The run's index: its position in seed order, or in dfs schedule order.</param>
/// <param name="Seed">The seed (random, pct), or the index (dfs).</param>
/// <param name="Key">The verdict's outcome key.</param>
/// <param name="Passed">The verdict.</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Steps">Steps run.</param>
/// <param name="Schedule">The run's choices; kept for failed runs and for every dfs run.</param>
/// <param name="Detail">The run's report when it did not end quiescent (failure, deadlock, violation).</param>
public sealed record ExploredRun(long Index, long Seed, string Key, bool Passed, RunOutcome Outcome, long Steps, Schedule? Schedule, string? Detail);

/// <summary>One distinct outcome of an exploration.</summary>
/// <param name="Key">The outcome key.</param>
/// <param name="Passed">Whether it is acceptable.</param>
/// <param name="Count">How many runs had it.</param>
/// <param name="First">The first run (in seed order) that had it.</param>
public sealed record OutcomeSummary(string Key, bool Passed, long Count, ExploredRun First);

/// <summary>What an <see cref="Explorer"/> found.</summary>
public sealed class ExploreReport
{
    internal ExploreReport(ExploreOptions options, IReadOnlyList<ExploredRun> runs, bool? exhausted, long pctSteps)
    {
        Options = options;
        Runs = runs;
        Exhausted = exhausted;
        PctSteps = pctSteps;
        var outcomes = new List<OutcomeSummary>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            var key = (run.Passed ? "pass:" : "fail:") + run.Key;
            if (byKey.TryGetValue(key, out var i))
            {
                outcomes[i] = outcomes[i] with { Count = outcomes[i].Count + 1 };
            }
            else
            {
                byKey[key] = outcomes.Count;
                outcomes.Add(new OutcomeSummary(run.Key, run.Passed, 1, run));
            }

            if (run.Outcome == RunOutcome.StepLimit)
            {
                StepLimited++;
            }

            if (!run.Passed)
            {
                Failed++;
                FirstFailure ??= run;
            }
        }

        Outcomes = outcomes;
    }

    /// <summary>
    /// Aggregates seed runs explored elsewhere (other processes or machines, each a range of the seeds) exactly
    /// as <see cref="Explorer"/> aggregates its own: <paramref name="runs"/> must be in seed order.
    /// </summary>
    public static ExploreReport FromRuns(ExploreOptions options, IReadOnlyList<ExploredRun> runs, long pctSteps)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runs);
        if (options.Mode == ExploreMode.Dfs)
        {
            throw new ArgumentException("dfs schedules are aggregated by the explorer itself", nameof(options));
        }

        return new ExploreReport(options, runs, null, pctSteps);
    }

    /// <summary>The options explored with.</summary>
    public ExploreOptions Options { get; }

    /// <summary>Every run of this shard, in seed (or dfs schedule) order.</summary>
    public IReadOnlyList<ExploredRun> Runs { get; }

    /// <summary>The distinct outcomes in order of first appearance.</summary>
    public IReadOnlyList<OutcomeSummary> Outcomes { get; }

    /// <summary>Runs that failed.</summary>
    public long Failed { get; }

    /// <summary>The first failed run, if any.</summary>
    public ExploredRun? FirstFailure { get; }

    /// <summary>Runs cut off by <see cref="ExploreOptions.MaxSteps"/>; dfs explored their subtrees only up to that bound.</summary>
    public long StepLimited { get; }

    /// <summary>Dfs: whether every schedule of this shard (up to the step bound) was enumerated; null for the other modes.</summary>
    public bool? Exhausted { get; }

    /// <summary>Pct: the k used; 0 for the other modes.</summary>
    public long PctSteps { get; }

    /// <summary>The report as printable lines.</summary>
    public IReadOnlyList<string> ToLines()
    {
        var o = Options;
        var lines = new List<string>();
        var what = o.Mode switch
        {
            ExploreMode.Pct => $"pct depth {o.Depth} (k={PctSteps}), {Runs.Count} runs",
            ExploreMode.Random => $"random, {Runs.Count} runs",
            _ => $"dfs, {Runs.Count} schedules ({(Exhausted == true ? "space exhausted" : "budget reached, space not exhausted")}"
                + (StepLimited > 0 ? $"; {StepLimited} runs cut at {o.MaxSteps} steps)" : ")"),
        };
        if (o.Mode != ExploreMode.Dfs && Runs.Count > 0)
        {
            what += $" (seeds {Runs[0].Seed}..{Runs[^1].Seed})";
        }

        if (o.Shard.Count > 1)
        {
            what += $", shard {o.Shard.Index}/{o.Shard.Count}";
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {Outcomes.Count} distinct outcomes, {Failed} failed runs"));
        foreach (var outcome in Outcomes)
        {
            var first = o.Mode == ExploreMode.Dfs ? $"first schedule #{outcome.First.Index}" : $"first seed {outcome.First.Seed}";
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"  {(outcome.Passed ? "pass" : "FAIL")} {outcome.Key}: {outcome.Count} runs, {first}"));
        }

        return lines;
    }
}
