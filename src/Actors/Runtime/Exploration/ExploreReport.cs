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
        : this(options, TallyOf(runs), exhausted, pctSteps)
    {
        Runs = runs;
    }

    /// <summary>A streamed report: counts and first runs only, <see cref="Runs"/> is empty.</summary>
    internal ExploreReport(ExploreOptions options, OutcomeTally tally, bool? exhausted, long pctSteps)
    {
        Options = options;
        Runs = [];
        Exhausted = exhausted;
        PctSteps = pctSteps;
        Outcomes = tally.Outcomes;
        Failed = tally.Failed;
        FirstFailure = tally.FirstFailure;
        StepLimited = tally.StepLimited;
        RunCount = tally.Runs;
        Seeds = tally.Seeds;
    }

    /// <summary>Runs explored (their outcomes counted; sleep-set-blocked dpor runs are not).</summary>
    public long RunCount { get; }

    /// <summary>The lowest and highest seed (or schedule index) explored.</summary>
    public (long First, long Last)? Seeds { get; }

    /// <summary>Wall-clock time of the exploration (streamed reports).</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>Dfs with reduction: runs cut because every enabled actor was asleep (equivalent to an explored run).</summary>
    public long SleepBlocked { get; init; }

    /// <summary>Whether the exploration stopped at its first failure (<see cref="ExploreOptions.StopOnFailure"/>).</summary>
    public bool StoppedAtFailure { get; init; }

    /// <summary>The tally a streamed report was built from.</summary>
    internal OutcomeTally? Tally { get; init; }

    /// <summary>How the space was searched, e.g. "dfs with partial-order reduction".</summary>
    public string? Method { get; init; }

    private static OutcomeTally TallyOf(IReadOnlyList<ExploredRun> runs)
    {
        var tally = new OutcomeTally();
        foreach (var run in runs)
        {
            tally.Add(run);
        }

        return tally;
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
    public IReadOnlyList<ExploredRun> Runs { get; private init; }

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

    /// <summary>Time, rate, and what cut the search (streamed reports); null for the others.</summary>
    public string? Summary()
    {
        if (Elapsed is not { } t)
        {
            return null;
        }

        var rate = t.TotalSeconds > 0 ? RunCount / t.TotalSeconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"  time {t.TotalSeconds:0.###} s ({rate:0} runs/s)");
        if (SleepBlocked > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {SleepBlocked} sleep-set-blocked runs cut");
        }

        if (StepLimited > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {StepLimited} runs cut at {Options.MaxSteps} steps");
        }

        if (StoppedAtFailure)
        {
            text += ", stopped at the first failure";
        }

        return text;
    }

    /// <summary>The report as printable lines.</summary>
    public IReadOnlyList<string> ToLines()
    {
        var o = Options;
        var lines = new List<string>();
        var what = Method is { } method ? $"{method}, {RunCount} runs" + (Exhausted is { } ex ? (ex ? " (space exhausted)" : " (budget reached, space not exhausted)") : "") : o.Mode switch
        {
            ExploreMode.Pct => $"pct depth {o.Depth} (k={PctSteps}), {Runs.Count} runs",
            ExploreMode.Random => $"random, {Runs.Count} runs",
            _ => $"dfs, {Runs.Count} schedules ({(Exhausted == true ? "space exhausted" : "budget reached, space not exhausted")}"
                + (StepLimited > 0 ? $"; {StepLimited} runs cut at {o.MaxSteps} steps)" : ")"),
        };
        if (Method == null && o.Mode != ExploreMode.Dfs && Runs.Count > 0)
        {
            what += $" (seeds {Runs[0].Seed}..{Runs[^1].Seed})";
        }

        if (o.Shard.Count > 1)
        {
            what += $", shard {o.Shard.Index}/{o.Shard.Count}";
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {Outcomes.Count} distinct outcomes, {Failed} failed runs"));
        if (Summary() is { } summary)
        {
            lines.Add(summary);
        }

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
