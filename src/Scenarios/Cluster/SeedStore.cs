// The coordinator's results of one job, by seed index: a seed's result is kept the first time it arrives
// and ignored after (a range given to a second worker after the first was lost may come back twice), so
// nothing is counted twice; the job is complete when every seed below the limit is in. Also counts what
// the progress bar shows: distinct outcomes and failures so far.
namespace ModActors.Scenarios.Cluster;

internal sealed class SeedStore
{
    private readonly ExploreSeed?[] explore;
    private readonly StressSeed?[] stress;
    private readonly HashSet<string> outcomes = new(StringComparer.Ordinal);
    private double cpuSeconds;
    private long peakMemory;

    public SeedStore(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        explore = job.Explore is null ? [] : new ExploreSeed?[job.Seeds];
        stress = job.Explore is null ? new StressSeed?[job.Seeds] : [];
        Limit = job.Seeds;
    }

    /// <summary>Seeds 0 .. Limit-1 make the result: all of them, or up to the first failing seed.</summary>
    public long Limit { get; private set; }

    /// <summary>The smallest failing seed index so far.</summary>
    public long? FirstFailure { get; private set; }

    /// <summary>Seeds stored below the limit.</summary>
    public long Done { get; private set; }

    /// <summary>Failing seeds stored.</summary>
    public long Failed { get; private set; }

    /// <summary>Distinct outcomes so far (explore: outcome keys; stress: clean or violating).</summary>
    public int Outcomes => outcomes.Count;

    public bool Complete => Done >= Limit;

    /// <summary>Stores the batch's new seeds; returns how many were new.</summary>
    public long Put(SeedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var added = 0L;
        foreach (var r in batch.Explore)
        {
            if (Store(explore, r.Index, r, ClusterSimulations.Failed(r)))
            {
                added++;
                outcomes.Add((r.Passed ? "pass:" : "fail:") + r.Key);
            }
        }
        foreach (var r in batch.Stress)
        {
            if (Store(stress, r.Index, r, ClusterSimulations.Failed(r)))
            {
                added++;
                outcomes.Add(r.Violation is null ? "clean" : r.Outcome.ToString());
            }
        }
        cpuSeconds += batch.CpuSeconds;
        peakMemory = Math.Max(peakMemory, batch.PeakMemoryBytes);
        return added;
    }

    /// <summary>Ends the result at the first failing seed: seeds after it no longer count.</summary>
    public void StopAtFirstFailure()
    {
        if (FirstFailure is not { } f || f + 1 >= Limit)
            return;
        Limit = f + 1;
        Done = 0;
        for (var i = 0L; i < Limit; i++)
        {
            if (explore.Length > 0 ? explore[i] is not null : stress[i] is not null)
                Done++;
        }
    }

    /// <summary>The results of seeds 0 .. Limit-1 in seed order (the job must be complete).</summary>
    public SeedBatch Results() => new(
        explore.Length == 0 ? [] : [.. explore.Take((int)Limit).Select(r => r!)],
        stress.Length == 0 ? [] : [.. stress.Take((int)Limit).Select(r => r!)],
        cpuSeconds,
        peakMemory);

    private bool Store<T>(T?[] slots, long index, T result, bool failed)
        where T : class
    {
        if (index < 0 || index >= slots.Length || slots[index] is not null)
            return false;
        slots[index] = result;
        if (index < Limit)
            Done++;
        if (failed)
        {
            Failed++;
            if (FirstFailure is not { } f || index < f)
                FirstFailure = index;
        }
        return true;
    }
}
