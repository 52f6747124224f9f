// ReceiveActor (Akka.NET's): handlers registered by message type, tried in registration order;
// Become replaces them, BecomeStacked/UnbecomeStacked push and pop. An async handler suspends the
// mailbox until its task completes, as in Akka.
namespace ModActors.Runtime;

/// <summary>An actor whose behaviour is a list of typed handlers.</summary>
public abstract class ReceiveActor : ActorBase
{
    private Stack<List<Handler>>? stacked;
    private List<Handler> handlers = [];

    /// <summary>Handles messages of type <typeparamref name="T"/> (that satisfy <paramref name="shouldHandle"/>).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add(new SyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> asynchronously; the mailbox waits for the task.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add(new AsyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles any message not handled by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add(new SyncHandler<object>(handler, null));
    }

    /// <summary>Replaces the current handlers by those <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        handlers = [];
        configure();
    }

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        (stacked ??= new Stack<List<Handler>>()).Push(handlers);
        handlers = [];
        configure();
    }

    /// <summary>Returns to the handlers in use before the last <see cref="BecomeStacked"/>.</summary>
    protected void UnbecomeStacked()
    {
        if (stacked?.Count > 0)
        {
            handlers = stacked.Pop();
        }
    }

    internal override Task? AroundReceive(object message)
    {
        var current = handlers;
        for (var i = 0; i < current.Count; i++)
        {
            if (current[i].TryHandle(message, out var running))
            {
                return running;
            }
        }

        CallUnhandled(message);
        return null;
    }
}
