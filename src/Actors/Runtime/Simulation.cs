// ModActors' deterministic execution layer over Akka.NET: one seeded run of Akka actors.
//
// A Simulation borrows an Akka ActorSystem configured by SimulationConfig (the StepDispatcher, the
// StepMailboxType, the VirtualScheduler; reused across runs on the same thread) and drives it from
// the calling thread alone:
// - a step is one message delivered to one user actor, or one resumption of its suspended async
//   handler (Akka's await continuation, held back by the dispatcher); a pluggable
//   ISchedulingStrategy picks it among the enabled actors (fifo, random, pct, dfs, replay), and the
//   choices form a replayable Schedule;
// - Akka's own actors and every actor's lifecycle messages run between steps, never as choices;
// - time is virtual: it only moves when nothing is enabled, jumping to the next timer;
// - a failure (an exception escaping a handler, which Akka would answer with a silent restart), a
//   call from a foreign thread, an invariant violation or a deadlock ends the run with a report.
// This file holds creation and lifecycle; the step loop, time, asks and deadlock detection live in
// the Simulation_*.cs files.
using Akka.Actor;
using ModActors.Runtime.Dispatch;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

/// <summary>
/// One simulation: its actors, its virtual clock and its scheduler. Not thread-safe by design: one
/// thread creates it, tells it messages and runs it.
/// </summary>
public sealed partial class Simulation : IDisposable
{
    private readonly ISchedulingStrategy strategy;
    private readonly bool recordTrace;
    private readonly bool isFifo;
    private readonly long maxSteps;
    private readonly ReadyQueue ready = new();
    private readonly List<ActorSlot> slots = [];
    private readonly List<int> choices = [];
    private readonly SimulationHost host;
    private int nextSlotId;
    private int stoppedSlots;
    private bool disposed;

    private Simulation(string name, SimulationOptions options)
    {
        Name = name;
        strategy = options.Strategy;
        recordTrace = options.RecordTrace;
        isFifo = strategy is FifoStrategy;
        maxSteps = options.MaxSteps;
        ownerThread = Environment.CurrentManagedThreadId;
        host = SimulationHost.Acquire(this);
    }

    /// <summary>The simulation's name.</summary>
    public string Name { get; }

    /// <summary>The Akka actor system the simulation runs on (borrowed for the run's lifetime).</summary>
    public ActorSystem System => host.System;

    /// <summary>The scheduling strategy of this simulation.</summary>
    public ISchedulingStrategy Strategy => strategy;

    /// <summary>Whether this simulation records its trace (<see cref="SimulationOptions.RecordTrace"/>).</summary>
    public bool RecordsTrace => recordTrace;

    /// <summary>The steps recorded so far.</summary>
    public Trace Trace { get; } = new();

    /// <summary>The choices made so far, replayable with <see cref="ReplayStrategy"/>.</summary>
    public Schedule Schedule => new(strategy.Name, strategy.Seed, strategy.Depth, choices.ToArray());

    /// <summary>Messages dropped because their receiver had stopped.</summary>
    public long DeadLetters { get; private set; }

    /// <summary>Creates a simulation on this thread's pooled Akka system.</summary>
    public static Simulation Create(string name, SimulationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Simulation(name, options ?? new SimulationOptions());
    }

    /// <summary>The simulation <paramref name="context"/>'s actor runs in.</summary>
    public static Simulation Of(IActorContext context) => SlotOf(context).Simulation
        ?? throw new InvalidOperationException($"{context.Self.Path} is not an actor of a simulation");

    /// <summary>
    /// Creates a top-level actor at <c>/user/name</c> and runs its constructor. Characters Akka does not allow in
    /// a name are escaped as %XX in its path; traces show <paramref name="name"/> as given.
    /// </summary>
    public IActorRef ActorOf(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ObjectDisposedException.ThrowIf(disposed, this);
        var actor = host.System.ActorOf(props, ActorNames.Escape(name));
        host.DrainEager();
        return actor;
    }

    /// <summary>Stops <paramref name="actor"/> and its children; watchers get <see cref="Terminated"/>.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        host.System.Stop(actor);
        if (running == null)
        {
            host.DrainEager();
        }
    }

    /// <summary>Adds a check run after every step; a non-null result is a violation that ends the run.</summary>
    public void AddInvariant(string name, Func<string?> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        (invariants ??= []).Add((name, check));
    }

    /// <summary>Stops every actor of the run and returns the Akka system to this thread's pool.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (Environment.CurrentManagedThreadId != host.OwnerThread)
        {
            return;
        }

        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            timers.Clear();
            foreach (var slot in slots)
            {
                if (slot.IsTopLevel && !slot.IsStopped)
                {
                    host.System.Stop(slot.Self);
                }
            }

            host.DrainEager();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
            host.Release();
        }
    }

    internal static ActorSlot SlotOf(IActorContext context) =>
        context is ActorCell { Mailbox.MessageQueue: StepMessageQueue queue }
            ? queue.Slot
            : throw new InvalidOperationException("only actors of a simulation (Simulation.ActorOf) can use this");

    internal static ActorSlot? SlotOf(IActorRef actor) =>
        actor is ActorRefWithCell { Underlying: ActorCell { Mailbox.MessageQueue: StepMessageQueue queue } } ? queue.Slot : null;

    internal int NextSlotId() => nextSlotId++;

    internal void SlotCreated(ActorSlot slot) => slots.Add(slot);

    internal void Runnable(ActorSlot slot)
    {
        slot.HasDelivery = true;
        if (!slot.InReady)
        {
            ready.Add(slot);
        }
    }

    internal void SlotStopped(ActorSlot slot, int droppedMessages)
    {
        DeadLetters += droppedMessages;
        if (slot.InReady)
        {
            ready.Remove(slot);
        }

        DropAsksOf(slot);
        if (++stoppedSlots > 64 && stoppedSlots * 2 > slots.Count)
        {
            slots.RemoveAll(static s => s.IsStopped);
            stoppedSlots = 0;
        }
    }
}
