// random: a uniformly random enabled actor at every step, from a seed.
using Akka.Actor;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

/// <summary>Runs a uniformly random enabled actor; the seed fixes the schedule.</summary>
public sealed class RandomStrategy(long seed) : ISchedulingStrategy
{
    private readonly SplitMix64 random = new(seed);

    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public long Seed => seed;

    /// <inheritdoc/>
    public int Depth => 0;

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<IActorRef> candidates, long step) =>
        candidates.Count == 1 ? 0 : random.Next(candidates.Count);

    /// <inheritdoc/>
    public int ChooseDuration(int count, long step) => random.Next(count);
}
