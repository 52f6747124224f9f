// The message queue of every actor under the deterministic dispatcher (an Akka IMessageQueue with the
// deque semantics Stash needs). It hands out a message only while the driver has opened its gate: one
// message in a step the strategy chose, none while the mailbox runs only for system messages. Akka's
// Mailbox.ProcessMailbox takes two messages per run even at throughput 1; the gate makes a step one
// delivery. Its owner's ActorSlot is created with it, so slots are numbered in creation order.
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime.Dispatch;

/// <summary>The message queue of an actor under the deterministic dispatcher (created by <see cref="StepMailboxType"/>).</summary>
public sealed class StepMessageQueue : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private readonly RingDeque<Envelope> messages = new();

    internal StepMessageQueue(IActorRef owner, ActorSystem system)
    {
        Slot = SimulationHost.For(system).CreateSlot(owner, this);
    }

    internal ActorSlot Slot { get; }

    /// <summary>How many messages the running step may still take.</summary>
    internal int Gate { get; set; }

    /// <inheritdoc/>
    public bool HasMessages => messages.Count > 0;

    /// <inheritdoc/>
    public int Count => messages.Count;

    /// <inheritdoc/>
    public void Enqueue(IActorRef receiver, Envelope envelope) => messages.PushBack(envelope);

    /// <inheritdoc/>
    public void EnqueueFirst(Envelope envelope) => messages.PushFront(envelope);

    /// <inheritdoc/>
    public bool TryDequeue(out Envelope envelope)
    {
        if (Gate == 0 || messages.Count == 0)
        {
            envelope = default;
            return false;
        }

        Gate--;
        envelope = messages.PopFront();
        Slot.Delivering(envelope);
        return true;
    }

    /// <inheritdoc/>
    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        Slot.Stopped(messages.Count);
        messages.Clear();
    }
}
