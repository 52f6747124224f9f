// The wait-for graph that deadlock reports are built from. Asks contribute their edges by
// themselves; an actor that models a lock (a mutex actor, a wait queue) implements IWaitGraphNode
// to say who waits for whom inside it.
using Akka.Actor;
namespace ModActors.Runtime;

/// <summary>Implemented by an actor that can tell which parties wait on it and for whom.</summary>
public interface IWaitGraphNode
{
    /// <summary>
    /// The waits this actor knows about right now, e.g. "task a waits for owner b (module_mutex)". Called between
    /// steps with the actor's cell current, so Self and Context work as in a handler.
    /// </summary>
    IEnumerable<WaitEdge> DescribeWaits();
}

/// <summary>One edge of the wait-for graph.</summary>
/// <param name="Waiter">The blocked party.</param>
/// <param name="WaitsFor">The party it waits for.</param>
/// <param name="What">What it waits on, e.g. "module_mutex".</param>
public sealed record WaitEdge(IActorRef Waiter, IActorRef WaitsFor, string What);
