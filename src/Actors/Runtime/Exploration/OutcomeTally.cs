// The streamed summary of an exploration: runs are added one by one (from any number of workers,
// each with its own tally, merged at the end) and only the distinct outcomes, their counts and the
// first run (lowest index) of each are kept — no record per run.
namespace ModActors.Runtime;

/// <summary>Counts of outcomes over runs, kept without a record per run.</summary>
public sealed class OutcomeTally
{
    private readonly List<OutcomeSummary> outcomes = [];
    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);

    /// <summary>Runs added.</summary>
    public long Runs { get; private set; }

    /// <summary>Runs that failed.</summary>
    public long Failed { get; private set; }

    /// <summary>Runs cut by the step limit.</summary>
    public long StepLimited { get; private set; }

    /// <summary>The failed run with the lowest index.</summary>
    public ExploredRun? FirstFailure { get; private set; }

    /// <summary>The lowest and highest seed added.</summary>
    public (long First, long Last)? Seeds { get; private set; }

    /// <summary>The distinct outcomes in order of their first run's index.</summary>
    public IReadOnlyList<OutcomeSummary> Outcomes => [.. outcomes.OrderBy(o => o.First.Index)];

    /// <summary>Adds one run.</summary>
    public void Add(ExploredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Add(new OutcomeSummary(run.Key, run.Passed, 1, run));
        Seeds = Seeds is { } s ? (Math.Min(s.First, run.Seed), Math.Max(s.Last, run.Seed)) : (run.Seed, run.Seed);
        if (run.Outcome == RunOutcome.StepLimit)
        {
            StepLimited++;
        }
    }

    /// <summary>Adds everything <paramref name="other"/> counted.</summary>
    public void Merge(OutcomeTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var o in other.outcomes)
        {
            Add(o);
        }

        StepLimited += other.StepLimited;
        if (other.Seeds is { } os)
        {
            Seeds = Seeds is { } s ? (Math.Min(s.First, os.First), Math.Max(s.Last, os.Last)) : os;
        }
    }

    private void Add(OutcomeSummary o)
    {
        Runs += o.Count;
        var key = (o.Passed ? "pass:" : "fail:") + o.Key;
        if (byKey.TryGetValue(key, out var i))
        {
            var had = outcomes[i];
            outcomes[i] = had with { Count = had.Count + o.Count, First = o.First.Index < had.First.Index ? o.First : had.First };
        }
        else
        {
            byKey[key] = outcomes.Count;
            outcomes.Add(o);
        }

        if (!o.Passed)
        {
            Failed += o.Count;
            if (FirstFailure is null || o.First.Index < FirstFailure.Index)
            {
                FirstFailure = o.First;
            }
        }
    }
}
