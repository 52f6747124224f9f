// The one interface behind every scheduling strategy (Coyote style): fifo, random, pct, dfs, replay.
using Akka.Actor;
namespace ModActors.Runtime;

/// <summary>Picks the next step of a simulation among the enabled actors.</summary>
public interface ISchedulingStrategy
{
    /// <summary>The strategy's name as written in schedules: fifo, random, pct, dfs or replay.</summary>
    string Name { get; }

    /// <summary>The seed (0 when the strategy has none).</summary>
    long Seed { get; }

    /// <summary>The pct depth (0 for the other strategies).</summary>
    int Depth { get; }

    /// <summary>
    /// Called before every step with the enabled actors in canonical order (the order in which they
    /// became enabled); returns the index of the one that runs. Steps are numbered from 1.
    /// </summary>
    int Choose(IReadOnlyList<IActorRef> candidates, long step);

    /// <summary>
    /// Called when work at <paramref name="step"/> takes a duration from a range: returns which of
    /// <paramref name="count"/> (at least 2) evenly spaced durations it takes, the shortest being 0. The default,
    /// fifo's, is the middle one.
    /// </summary>
    int ChooseDuration(int count, long step) => count / 2;
}
