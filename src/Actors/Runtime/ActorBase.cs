// ActorBase: the base of every actor (Akka.NET's ActorBase): its context, self, sender and the
// lifecycle hooks. Actors are created only through ActorOf(Props); the cell being built is handed
// to the constructor through a thread-static so Context works from the constructor on.
namespace ModActors.Runtime;

/// <summary>The base class of actors; derive from <see cref="ReceiveActor"/>.</summary>
public abstract class ActorBase
{
    [ThreadStatic]
    private static ActorCell? constructing;

    private protected ActorBase()
    {
        Cell = constructing ?? throw new InvalidOperationException(
            "an actor can only be created by ActorOf(Props), not with new");
    }

    /// <summary>The runtime as this actor sees it.</summary>
    protected IActorContext Context => Cell;

    /// <summary>This actor.</summary>
    protected IActorRef Self => Cell;

    /// <summary>The sender of the message being handled, or <see cref="ActorRefs.NoSender"/>.</summary>
    protected IActorRef Sender => Cell.Sender;

    internal ActorCell Cell { get; }

    internal static ActorBase Construct(ActorCell cell, Props props)
    {
        var outer = constructing;
        constructing = cell;
        try
        {
            return props.Factory();
        }
        finally
        {
            constructing = outer;
        }
    }

    /// <summary>Called once, right after the actor is created.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Called once, when the actor stops.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Called with a message no handler accepted; by default it is noted in the trace.</summary>
    protected virtual void Unhandled(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Annotate("unhandled " + message.GetType().Name);
    }

    /// <summary>Handles one message; returns a task when a handler is still running asynchronously.</summary>
    internal abstract Task? AroundReceive(object message);

    internal void CallPreStart() => PreStart();

    internal void CallPostStop() => PostStop();

    private protected void CallUnhandled(object message) => Unhandled(message);
}
