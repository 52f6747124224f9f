// fifo: the natural order, the actor that became enabled first runs first. Its choices are all 0,
// so the system does not record them and a fifo schedule replays with an empty choice list.
using Akka.Actor;
namespace ModActors.Runtime;

/// <summary>Runs the actor that has been enabled longest (the default).</summary>
public sealed class FifoStrategy : ISchedulingStrategy
{
    /// <inheritdoc/>
    public string Name => "fifo";

    /// <inheritdoc/>
    public long Seed => 0;

    /// <inheritdoc/>
    public int Depth => 0;

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<IActorRef> candidates, long step) => 0;
}
