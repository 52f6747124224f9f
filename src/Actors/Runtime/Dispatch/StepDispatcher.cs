// The deterministic dispatcher: an Akka MessageDispatcher that runs nothing by itself. When Akka
// registers a mailbox for execution (ExecuteTask), it hands the mailbox's ActorSlot to the simulation
// host of its system; await continuations of async handlers (ActorTaskSchedulerMessage) are held back
// until the strategy chooses to resume their actor. Everything else is dispatched as Akka does.
// A call from any thread other than the one that owns the system is refused and fails the run.
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;

namespace ModActors.Runtime.Dispatch;

/// <summary>Creates the <see cref="StepDispatcher"/> (named by <c>type</c> in HOCON).</summary>
public sealed class StepDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly StepDispatcher dispatcher;

    /// <summary>Called by Akka with the dispatcher's configuration.</summary>
    public StepDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        dispatcher = new StepDispatcher(this, config.GetString("id", "step-dispatcher")) { Throughput = config.GetInt("throughput", 1) };
    }

    /// <inheritdoc/>
    public override MessageDispatcher Dispatcher() => dispatcher;
}

/// <summary>The dispatcher of a simulated system: it hands runnable mailboxes to the simulation's driver.</summary>
public sealed class StepDispatcher : MessageDispatcher
{
    internal StepDispatcher(MessageDispatcherConfigurator configurator, string id)
        : base(configurator)
    {
        Id = id;
    }

    /// <inheritdoc/>
    protected override void ExecuteTask(IRunnable run)
    {
        if (run is Mailbox { MessageQueue: StepMessageQueue queue } mailbox)
        {
            queue.Slot.Host.Runnable(queue.Slot, mailbox);
        }
        else
        {
            SimulationHost.ForDispatcher(this)?.RunLater(run);
        }
    }

    /// <inheritdoc/>
    public override void SystemDispatch(ActorCell cell, SystemMessage message)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Mailbox?.MessageQueue is not StepMessageQueue queue)
        {
            base.SystemDispatch(cell, message);
            return;
        }

        if (!queue.Slot.Host.Intercept(queue.Slot, cell, message))
        {
            base.SystemDispatch(cell, message);
            queue.Slot.Host.Dispatched(queue.Slot);
        }
    }

    /// <summary>Hands a held continuation to Akka (the chosen resumption step).</summary>
    internal void Release(ActorCell cell, SystemMessage message) => base.SystemDispatch(cell, message);

    /// <inheritdoc/>
    protected override void Shutdown()
    {
    }
}
