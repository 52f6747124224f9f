// One Akka ActorSystem under the deterministic layer, and the simulation running on it now. Systems
// are reused across runs (ActorSystem.Create costs milliseconds): one pool per thread, a run borrows
// one, creates its actors and stops them all when it is disposed.
// Akka's own actors (guardians, /system, temporary actors) are never choice points: their mailboxes,
// the lifecycle system messages of every actor (create, watch, terminate, supervise) and Akka's other
// runnables are run at once before the strategy chooses the next step: Akka's runnables in the order they
// were posted, the mailboxes in actor creation order (Akka's own actors first), never in the order Akka
// posted them, which for the children of a stopping parent is the hash order of their names (and string
// hashes differ from one process to the next). Only a user actor's message delivery and the resumption
// of its async handler are choices.
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime.Dispatch;

internal sealed class SimulationHost
{
    private static readonly ConditionalWeakTable<ActorSystem, SimulationHost> Hosts = [];

    [ThreadStatic]
    private static Stack<SimulationHost>? pool;

    private readonly PriorityQueue<ActorSlot, (bool User, int Id)> eager = new();
    private readonly RingDeque<IRunnable> runnables = new();
    private int nextSlotId;
    private bool draining;

    private SimulationHost()
    {
        OwnerThread = Environment.CurrentManagedThreadId;
    }

    /// <summary>The host whose ActorSystem is being created on this thread.</summary>
    [field: ThreadStatic]
    public static SimulationHost? Creating { get; private set; }

    public ActorSystem System { get; private set; } = null!;

    public VirtualScheduler Scheduler { get; set; } = null!;

    public int OwnerThread { get; }

    /// <summary>The simulation running on this system, or null between runs.</summary>
    public Simulation? Active { get; private set; }

    /// <summary>What went wrong on a foreign thread, for the running simulation to report.</summary>
    public volatile string? ForeignCall;

    public TimeSpan Now => Active?.Now ?? TimeSpan.Zero;

    /// <summary>Borrows this thread's idle system, creating one when there is none.</summary>
    public static SimulationHost Acquire(Simulation simulation)
    {
        var host = pool is { Count: > 0 } ? pool.Pop() : Create();
        host.Active = simulation;
        host.nextSlotId = 0;
        return host;
    }

    /// <summary>Returns the system to this thread's pool once every actor of the run has stopped.</summary>
    public void Release()
    {
        Active = null;
        ForeignCall = null;
        (pool ??= new Stack<SimulationHost>()).Push(this);
    }

    public static SimulationHost For(ActorSystem system) =>
        Hosts.TryGetValue(system, out var host) ? host : Creating ?? throw new InvalidOperationException(
            "a StepMailboxType queue was created for an ActorSystem that Simulation did not create");

    public static SimulationHost? ForDispatcher(MessageDispatcher dispatcher) =>
        (dispatcher.Configurator.Prerequisites.Scheduler as VirtualScheduler)?.Host;

    private static SimulationHost Create()
    {
        var host = new SimulationHost();
        var outer = Creating;
        Creating = host;
        try
        {
            host.System = ActorSystem.Create("sim", SimulationConfig.Config);
            Hosts.Add(host.System, host);
        }
        finally
        {
            Creating = outer;
        }

        host.DrainEager();
        return host;
    }

    public ActorSlot CreateSlot(IActorRef owner, StepMessageQueue queue)
    {
        var user = owner.Path.Elements.Count > 1 && owner.Path.Elements[0] == "user";
        var simulation = user ? Active : null;
        var slot = new ActorSlot(this, simulation, owner, queue, simulation?.NextSlotId() ?? nextSlotId++);
        simulation?.SlotCreated(slot);
        return slot;
    }

    /// <summary>Akka registered <paramref name="mailbox"/> for execution.</summary>
    public void Runnable(ActorSlot slot, Mailbox mailbox)
    {
        if (!OnOwnerThread("a mailbox was scheduled"))
        {
            return;
        }

        slot.Mailbox = mailbox;
        if (slot.Simulation is { } simulation && ReferenceEquals(simulation, Active)
            && !AkkaInternals.HasSystemMessages(mailbox))
        {
            simulation.Runnable(slot);
        }
        else
        {
            Eager(slot);
        }
    }

    /// <summary>
    /// A system message for <paramref name="slot"/>'s actor: true when it is held (an await continuation of
    /// a user actor, resumed when the strategy chooses), false when Akka dispatches it now.
    /// </summary>
    public bool Intercept(ActorSlot slot, ActorCell cell, SystemMessage message)
    {
        if (!OnOwnerThread("a system message was sent"))
        {
            return true;
        }

        slot.Cell ??= cell;
        slot.Mailbox ??= cell.Mailbox;
        if (message is Failed failed)
        {
            Active?.ChildFailed(failed);
        }

        if (AkkaInternals.IsContinuation(message) && slot.Simulation is { } simulation && ReferenceEquals(simulation, Active))
        {
            simulation.Hold(slot, cell, message);
            return true;
        }

        return false;
    }

    /// <summary>Akka enqueued a lifecycle message for <paramref name="slot"/>'s actor: it is processed before the next choice.</summary>
    public void Dispatched(ActorSlot slot) => Eager(slot);

    public void RunLater(IRunnable run)
    {
        if (!OnOwnerThread("a task was scheduled on the dispatcher"))
        {
            return;
        }

        runnables.PushBack(run);
        if (Active == null)
        {
            DrainEager();
        }
    }

    public void AddTimer(TimeSpan delay, ICancelable? cancelable, Action action) => Active?.AddTimer(delay, cancelable, action);

    private void Eager(ActorSlot slot)
    {
        if (!slot.EagerQueued)
        {
            slot.EagerQueued = true;
            eager.Enqueue(slot, (slot.Simulation != null, slot.Id));
        }

        if (Active == null)
        {
            DrainEager();
        }
    }

    /// <summary>
    /// Runs Akka's own work and every pending lifecycle message; none of it is a choice. Called inside a step
    /// (Simulation.ActorOf points a new top-level actor at once), it leaves the running actor's own mailbox for
    /// after the step.
    /// </summary>
    public void DrainEager()
    {
        if (draining)
        {
            return;
        }

        draining = true;
        ActorSlot? deferred = null;
        try
        {
            while (true)
            {
                if (runnables.Count > 0)
                {
                    runnables.PopFront().Run();
                    continue;
                }

                if (eager.Count == 0)
                {
                    return;
                }

                var slot = eager.Dequeue();
                if (slot.InRun)
                {
                    deferred = slot;
                    continue;
                }

                slot.EagerQueued = false;
                if (slot.Mailbox is { } mailbox)
                {
                    RunMailbox(slot, mailbox, slot.Simulation == null ? int.MaxValue : 0);
                }
            }
        }
        finally
        {
            if (deferred != null)
            {
                eager.Enqueue(deferred, (deferred.Simulation != null, deferred.Id));
            }

            draining = false;
        }
    }

    /// <summary>Runs <paramref name="mailbox"/>: its system messages, then at most <paramref name="gate"/> messages.</summary>
    public static void RunMailbox(ActorSlot slot, Mailbox mailbox, int gate)
    {
        slot.Queue.Gate = gate;
        slot.InRun = true;
        try
        {
            mailbox.Run();
        }
        finally
        {
            slot.InRun = false;
            slot.Queue.Gate = 0;
        }
    }

    private bool OnOwnerThread(string what)
    {
        if (Environment.CurrentManagedThreadId == OwnerThread)
        {
            return true;
        }

        ForeignCall ??= what + " from another thread (an actor awaited a task outside the simulation, " +
            "such as Task.Delay, Task.Run, I/O or an ask with a real-time timeout)";
        return false;
    }
}
