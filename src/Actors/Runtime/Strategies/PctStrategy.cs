// pct: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010).
// Every actor gets a random distinct priority when first seen; the highest-priority enabled actor
// runs. d-1 change points are drawn uniformly from steps [1, k]; at a change point the actor about
// to run drops below every initial priority (later change points lower still). A bug of depth d is
// then found with probability at least 1/(n k^(d-1)) per run (n actors, k steps).
// Priorities are positions in the list of initial priorities (an actor seen later is inserted at a
// random position); a dictionary caches every actor's position, refreshed only after the list changed,
// so a step costs a lookup per candidate instead of a search of the list.
using Akka.Actor;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

/// <summary>Probabilistic concurrency testing with depth <c>d</c> over an estimated <c>k</c> steps.</summary>
public sealed class PctStrategy : ISchedulingStrategy
{
    private const long LoweredBase = 1L << 40;

    private readonly SplitMix64 random;
    private readonly List<IActorRef> initial = [];
    private readonly Dictionary<IActorRef, long> ranks = [];
    private readonly HashSet<long> changePoints = [];
    private long loweredCount;
    private bool ranksStale;

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
            var candidate = candidates[i];
            if (!ranks.ContainsKey(candidate))
            {
                initial.Insert(random.Next(initial.Count + 1), candidate);
                ranks.Add(candidate, 0);
                ranksStale = true;
            }
        }

        var best = Highest(candidates);
        if (changePoints.Contains(step))
        {
            var running = candidates[best];
            if (ranks[running] < LoweredBase)
            {
                initial.Remove(running);
                ranksStale = true;
            }

            ranks[running] = LoweredBase + loweredCount++;
            best = Highest(candidates);
        }

        return best;
    }

    /// <summary>A duration uniformly from the range (durations are not priorities).</summary>
    public int ChooseDuration(int count, long step) => random.Next(count);

    private int Highest(IReadOnlyList<IActorRef> candidates)
    {
        if (ranksStale)
        {
            for (var i = 0; i < initial.Count; i++)
            {
                ranks[initial[i]] = i;
            }

            ranksStale = false;
        }

        var best = 0;
        var bestRank = long.MaxValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            var rank = ranks[candidates[i]];
            if (rank < bestRank)
            {
                best = i;
                bestRank = rank;
            }
        }

        return best;
    }
}
