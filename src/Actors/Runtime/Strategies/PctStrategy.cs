// pct: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010).
// Every actor gets a random distinct priority when first seen; the highest-priority enabled actor
// runs. d-1 change points are drawn uniformly from steps [1, k]; at a change point the actor about
// to run drops below every initial priority (later change points lower still). A bug of depth d is
// then found with probability at least 1/(n k^(d-1)) per run (n actors, k steps).
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

/// <summary>Probabilistic concurrency testing with depth <c>d</c> over an estimated <c>k</c> steps.</summary>
public sealed class PctStrategy : ISchedulingStrategy
{
    private readonly SplitMix64 random;
    private readonly List<IActorRef> initial = [];
    private readonly List<IActorRef> lowered = [];
    private readonly HashSet<long> changePoints = [];

    /// <summary>Creates the strategy; <paramref name="maxSteps"/> is k, the expected length of a run.</summary>
    public PctStrategy(long seed, int depth, long maxSteps = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        Seed = seed;
        Depth = depth;
        MaxSteps = maxSteps;
        random = new SplitMix64(seed);
        var wanted = (int)Math.Min(depth - 1, maxSteps);
        while (changePoints.Count < wanted)
        {
            changePoints.Add(1 + random.NextLong(maxSteps));
        }
    }

    /// <inheritdoc/>
    public string Name => "pct";

    /// <inheritdoc/>
    public long Seed { get; }

    /// <inheritdoc/>
    public int Depth { get; }

    /// <summary>k: the number of steps the change points are drawn from.</summary>
    public long MaxSteps { get; }

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<IActorRef> candidates, long step)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!initial.Contains(candidates[i]) && !lowered.Contains(candidates[i]))
            {
                initial.Insert(random.Next(initial.Count + 1), candidates[i]);
            }
        }

        var best = Highest(candidates);
        if (changePoints.Contains(step))
        {
            var running = candidates[best];
            initial.Remove(running);
            lowered.Remove(running);
            lowered.Add(running);
            best = Highest(candidates);
        }

        return best;
    }

    private int Highest(IReadOnlyList<IActorRef> candidates)
    {
        var best = 0;
        var bestRank = int.MaxValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            var rank = initial.IndexOf(candidates[i]);
            if (rank < 0)
            {
                rank = initial.Count + lowered.IndexOf(candidates[i]);
            }

            if (rank < bestRank)
            {
                best = i;
                bestRank = rank;
            }
        }

        return best;
    }
}
