// Asks in flight: who asked whom what. They are edges of the wait-for graph until answered, timed
// out, or their asker stops.
namespace ModActors.Runtime;

public sealed partial class ActorSystem
{
    private readonly AskTable asks = new();
    private long askSequence;

    internal Task<T> Ask<T>(ActorCell target, object message, TimeSpan? timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var promise = new PromiseRef<T>(this, ++askSequence, running, target, message);
        asks.Add(promise);
        if (timeout is { } t)
        {
            StartTimeout(promise, t);
        }

        target.Tell(message, promise);
        return promise.Task;
    }

    internal Task<T> Expect<T>(ActorCell asker, ActorCell from, object awaiting, out IActorRef replyTo)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var promise = new PromiseRef<T>(this, ++askSequence, asker, from, awaiting);
        asks.Add(promise);
        replyTo = promise;
        return promise.Task;
    }

    /// <summary>Kept out of Ask so that an ask without a timeout allocates no closure.</summary>
    private void StartTimeout(PendingAsk promise, TimeSpan timeout) => promise.Timer = AddTimer(timeout, () => promise.TimeOut(timeout));

    /// <summary>Removes the ask from the in-flight set; false if it was no longer there.</summary>
    internal bool CompleteAsk(PendingAsk ask) => asks.Remove(ask);

    private void DropAsksOf(ActorCell asker)
    {
        while (asker.FirstAsk is { } ask)
        {
            ask.Timer?.Cancel();
            asks.Remove(ask);
        }
    }
}
