// The mailbox type HOCON selects for every actor of a simulated system (default-mailbox and the
// deque-based mailbox Stash asks for): it creates a StepMessageQueue.
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ModActors.Runtime.Dispatch;

/// <summary>Akka MailboxType of the deterministic layer (configured by <see cref="SimulationConfig"/>).</summary>
public sealed class StepMailboxType : MailboxType, IProducesMessageQueue<StepMessageQueue>
{
    /// <summary>Called by Akka with the mailbox's configuration.</summary>
    public StepMailboxType(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc/>
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new StepMessageQueue(owner, system);
}
