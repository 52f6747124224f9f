// The deterministic layer's record of one Akka actor: its mailbox and cell, its place in the ready
// queue, the await continuations held back for it, and its name in traces (the path below /user).
// Slots are numbered in creation order, the order deadlock reports and lifecycle work follow.
using Akka.Actor;
using Akka.Dispatch;
using ModActors.Runtime.Dispatch;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

internal sealed class ActorSlot
{
    private RingDeque<Resumption>? held;
    private ActorCell? cell;

    public ActorSlot(SimulationHost host, Simulation? simulation, IActorRef owner, StepMessageQueue queue, int id)
    {
        Host = host;
        Simulation = simulation;
        Self = owner;
        Queue = queue;
        Id = id;
        var elements = owner.Path.Elements;
        TraceName = simulation == null ? owner.Path.ToStringWithoutAddress() : string.Join('/', elements.Skip(1).Select(ActorNames.Unescape));
        IsTopLevel = elements.Count == 2;
    }

    public SimulationHost Host { get; }

    /// <summary>The simulation the actor belongs to; null for Akka's own actors.</summary>
    public Simulation? Simulation { get; }

    public IActorRef Self { get; }

    public StepMessageQueue Queue { get; }

    public int Id { get; }

    public string TraceName { get; }

    /// <summary>A child of /user (stopped by the simulation when it ends).</summary>
    public bool IsTopLevel { get; }

    public Mailbox? Mailbox { get; set; }

    public ActorCell? Cell
    {
        get => cell ??= (Self as ActorRefWithCell)?.Underlying as ActorCell;
        set => cell = value;
    }

    public bool InReady { get; set; }

    public int ReadySlot { get; set; }

    public bool EagerQueued { get; set; }

    /// <summary>Its mailbox is running now (lifecycle work for it waits until the run is over).</summary>
    public bool InRun { get; set; }

    /// <summary>Akka registered the mailbox for its next user message.</summary>
    public bool HasDelivery { get; set; }

    public bool IsStopped { get; private set; }

    /// <summary>The message of the step running now or last run (for failure reports).</summary>
    public object? CurrentMessage { get; set; }

    public PendingAsk? FirstAsk { get; set; }

    public PendingAsk? LastAsk { get; set; }

    public bool HasResumptions => held is { Count: > 0 };

    public bool Enabled => !IsStopped && (HasResumptions || (HasDelivery && Queue.Count > 0));

    public void Hold(Resumption resumption) => (held ??= new RingDeque<Resumption>()).PushBack(resumption);

    public Resumption TakeResumption() => held!.PopFront();

    public void Delivering(Envelope envelope)
    {
        CurrentMessage = envelope.Message;
        Simulation?.Delivering(this, envelope);
    }

    public void Stopped(int droppedMessages)
    {
        IsStopped = true;
        held?.Clear();
        HasDelivery = false;
        Simulation?.SlotStopped(this, droppedMessages);
    }

    public override string ToString() => TraceName;
}
