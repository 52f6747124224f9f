// The temporary reference an Ask sends as the sender of its question (Akka.NET's PromiseActorRef):
// the first message told to it completes the Ask's task directly, without a mailbox hop, so the
// asker's resumption is its next step.
using System.Globalization;

namespace ModActors.Runtime;

internal abstract class PendingAsk(ActorSystem system, long id, ActorCell? asker, ActorCell target, object question) : IActorRef, ITraceNamed
{
    public long Id => id;

    public ActorCell? Asker => asker;

    public ActorCell Target => target;

    public object Question => question;

    public ICancelable? Timer { get; set; }

    public bool InFlight { get; set; }

    public PendingAsk? Previous { get; set; }

    public PendingAsk? Next { get; set; }

    public PendingAsk? AskerPrevious { get; set; }

    public PendingAsk? AskerNext { get; set; }

    public string Name => "ask-" + id.ToString(CultureInfo.InvariantCulture);

    public string Path => "/temp/" + Name;

    public string TraceName => asker?.TraceName ?? "outside";

    protected ActorSystem System => system;

    public string Describe() =>
        $"reply from {target.TraceName}{(target.Stopped ? " (stopped)" : string.Empty)} to {question.GetType().Name} (ask)";

    public abstract void Tell(object message, IActorRef? sender = null);

    public abstract void TimeOut(TimeSpan timeout);

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => id.GetHashCode();

    public override string ToString() => Name;
}

internal sealed class PromiseRef<T>(ActorSystem system, long id, ActorCell? asker, ActorCell target, object question)
    : PendingAsk(system, id, asker, target, question)
{
    private static readonly SendOrPostCallback Settle = static state => ((PromiseRef<T>)state!).SettleNow();

    private readonly TaskCompletionSource<T> completion = new();
    private object? answer;
    private AskTimeoutException? timedOut;

    public Task<T> Task => completion.Task;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!System.CompleteAsk(this))
        {
            System.DeadLetter();
            return;
        }

        Timer?.Cancel();
        answer = message;
        var outer = System.EnterCause(ActorSystem.NameOf(sender ?? System.Running), message);
        try
        {
            System.CompleteFor(Asker, Settle, this);
        }
        finally
        {
            System.ExitCause(outer);
        }
    }

    public override void TimeOut(TimeSpan timeout)
    {
        if (!System.CompleteAsk(this))
        {
            return;
        }

        var text = $"Ask of {Question.GetType().Name} to {Target.TraceName} timed out after {TraceStep.FormatTime(timeout)} of virtual time";
        timedOut = new AskTimeoutException(text);
        System.WithCause("timer", "ask timeout", () => System.CompleteFor(Asker, Settle, this));
    }

    private void SettleNow()
    {
        if (timedOut is not null)
        {
            completion.TrySetException(timedOut);
        }
        else if (answer is T reply)
        {
            completion.TrySetResult(reply);
        }
        else
        {
            completion.TrySetException(new InvalidCastException(
                $"Ask of {Question.GetType().Name} to {Target.TraceName} expected {typeof(T).Name} but got {answer!.GetType().Name}"));
        }

        answer = null;
    }
}
