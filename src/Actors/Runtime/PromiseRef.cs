// The temporary reference an Ask sends as the sender of its question (Akka.NET's PromiseActorRef, on
// virtual time): the first message told to it completes the Ask's task in the replier's step; the
// continuation of the asker's async handler is then held by the dispatcher, so the asker's
// resumption is a choice of its own. Asks in flight are edges of the wait-for graph.
using System.Globalization;
using Akka.Actor;

namespace ModActors.Runtime;

internal abstract class PendingAsk(Simulation simulation, long id, ActorSlot? asker, ActorSlot target, object question) : MinimalActorRef
{
    private readonly ActorPath path = new RootActorPath(((ExtendedActorSystem)simulation.System).Provider.DefaultAddress)
        / "temp" / ("ask-" + id.ToString(CultureInfo.InvariantCulture));

    public long Id => id;

    public ActorSlot? Asker => asker;

    public ActorSlot Target => target;

    public object Question => question;

    public Scheduling.SimTimer? Timer { get; set; }

    public bool InFlight { get; set; }

    public PendingAsk? Previous { get; set; }

    public PendingAsk? Next { get; set; }

    public PendingAsk? AskerPrevious { get; set; }

    public PendingAsk? AskerNext { get; set; }

    public string TraceName => asker?.TraceName ?? "outside";

    public override ActorPath Path => path;

    public override IActorRefProvider Provider => ((ExtendedActorSystem)Simulation.System).Provider;

    protected Simulation Simulation => simulation;

    public string Describe() =>
        $"reply from {target.TraceName}{(target.IsStopped ? " (stopped)" : string.Empty)} to {question.GetType().Name} (ask)";

    public abstract void TimeOut(TimeSpan timeout);
}

internal sealed class PromiseRef<T>(Simulation simulation, long id, ActorSlot? asker, ActorSlot target, object question)
    : PendingAsk(simulation, id, asker, target, question)
{
    private readonly TaskCompletionSource<T> completion = new();

    public Task<T> Task => completion.Task;

    protected override void TellInternal(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Simulation.CompleteAsk(this))
        {
            return;
        }

        Timer?.Cancel();
        var outer = Simulation.EnterCause(Simulation.NameOf(sender.IsNobody() ? Simulation.Running?.Self : sender), message);
        try
        {
            if (message is T reply)
            {
                completion.TrySetResult(reply);
            }
            else
            {
                completion.TrySetException(new InvalidCastException(
                    $"Ask of {Question.GetType().Name} to {Target.TraceName} expected {typeof(T).Name} but got {message.GetType().Name}"));
            }
        }
        finally
        {
            Simulation.ExitCause(outer);
        }
    }

    public override void TimeOut(TimeSpan timeout)
    {
        if (!Simulation.CompleteAsk(this))
        {
            return;
        }

        var text = $"Ask of {Question.GetType().Name} to {Target.TraceName} timed out after {TraceStep.FormatTime(timeout)} of virtual time";
        Simulation.WithCause("timer", "ask timeout", () => completion.TrySetException(new AskTimeoutException(text)));
    }
}
