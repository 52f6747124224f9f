// Ask (Akka.NET's Ask pattern) on virtual time: the timeout is a virtual-time timer and, inside an
// actor, awaiting the answer suspends only that actor's handler.
namespace ModActors.Runtime;

/// <summary>Request-reply on top of <see cref="IActorRef.Tell"/>.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> to <paramref name="target"/> with a temporary sender and returns
    /// the first reply; faults with <see cref="AskTimeoutException"/> after <paramref name="timeout"/>
    /// of virtual time (never, when null), or with <see cref="InvalidCastException"/> if the reply is not a <typeparamref name="T"/>.
    /// The task completes only while the simulation runs: await it in an async handler (without
    /// ConfigureAwait(false)), or run the simulation before reading it from outside; never block on it.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var cell = ActorSystem.CellOf(target)
            ?? throw new ArgumentException($"cannot Ask {target.Name}: it is not an actor of a simulation", nameof(target));
        return cell.System.Ask<T>(cell, message, timeout);
    }

    /// <summary>Like <see cref="Ask{T}"/>, accepting a reply of any type.</summary>
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null) =>
        Ask<object>(target, message, timeout);
}
