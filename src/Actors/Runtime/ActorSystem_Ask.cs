// Asks in flight: who asked whom what. They are edges of the wait-for graph until answered, timed
// out, or their asker stops.
namespace ModActors.Runtime;

public sealed partial class ActorSystem
{
    private readonly AskTable asks = new();
    private long askSequence;

    internal Task<T> Ask<T>(ActorCell target, object message, TimeSpan? timeout)
    {
        var answer = Expect<T>(running, target, message, out var promise);
        if (timeout is { } t)
        {
            StartTimeout(promise, t);
        }

        target.Tell(message, promise);
        return answer;
    }

    /// <summary>An ask of <paramref name="awaiting"/> to <paramref name="from"/> whose question is not sent (Context.Expect; Ask sends it).</summary>
    internal Task<T> Expect<T>(ActorCell? asker, ActorCell from, object awaiting, out PendingAsk replyTo)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var promise = new PromiseRef<T>(this, ++askSequence, asker, from, awaiting);
        asks.Add(promise);
        replyTo = promise;
        return promise.Task;
    }

    /// <summary>
    /// Completes what <paramref name="waiter"/> awaits: now, or — for an actor created with Props.WithInlineAwaits,
    /// whose awaits have no SynchronizationContext to come back through — in a resumption step of its own.
    /// </summary>
    internal void CompleteFor(ActorCell? waiter, SendOrPostCallback complete, object state)
    {
        if (waiter is { InlineAwaits: true })
        {
            PostResumption(waiter, complete, state);
        }
        else
        {
            complete(state);
        }
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
