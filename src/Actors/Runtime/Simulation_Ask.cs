// Asks in flight: who asked whom what. They are edges of the wait-for graph until answered, timed
// out, or their asker stops.
using Akka.Actor;

namespace ModActors.Runtime;

public sealed partial class Simulation
{
    private readonly AskTable asks = new();
    private long askSequence;

    /// <summary>
    /// Asks <paramref name="target"/> from outside the actors (a test or a harness): the answer completes
    /// the task once the run delivers it; a <paramref name="timeout"/> is virtual time.
    /// </summary>
    public Task<T> Ask<T>(IActorRef target, object message, TimeSpan? timeout = null) => Ask<T>(null, target, message, timeout);

    internal Task<T> Ask<T>(ActorSlot? asker, IActorRef target, object message, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var answer = Expect<T>(asker, target, message, out var promise);
        if (timeout is { } t)
        {
            promise.Timer = AddTimer(t, null, () => promise.TimeOut(t));
        }

        target.Tell(message, promise);
        return answer;
    }

    /// <summary>An ask of <paramref name="awaiting"/> to <paramref name="from"/> whose question is not sent (Expect; Ask sends it).</summary>
    internal Task<T> Expect<T>(ActorSlot? asker, IActorRef from, object awaiting, out PendingAsk replyTo)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var target = SlotOf(from) ?? throw new ArgumentException($"{from.Path} is not an actor of a simulation", nameof(from));
        var promise = new PromiseRef<T>(this, ++askSequence, asker, target, awaiting);
        asks.Add(promise);
        replyTo = promise;
        return promise.Task;
    }

    /// <summary>Removes the ask from the in-flight set; false if it was no longer there.</summary>
    internal bool CompleteAsk(PendingAsk ask) => asks.Remove(ask);

    private void DropAsksOf(ActorSlot asker)
    {
        while (asker.FirstAsk is { } ask)
        {
            ask.Timer?.Cancel();
            asks.Remove(ask);
        }
    }
}
