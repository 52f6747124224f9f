// IActorContext: what an actor can do besides handling a message (Akka.NET's IActorContext), on
// virtual time.
namespace ModActors.Runtime;

/// <summary>The actor's view of the runtime while it handles a message.</summary>
public interface IActorContext
{
    /// <summary>This actor.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled, or <see cref="ActorRefs.NoSender"/>.</summary>
    IActorRef Sender { get; }

    /// <summary>The simulation this actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>Virtual time now.</summary>
    TimeSpan Now { get; }

    /// <summary>Creates a child actor named <paramref name="name"/> (unique among this actor's children).</summary>
    IActorRef ActorOf(Props props, string name);

    /// <summary>Stops <paramref name="actor"/> (itself: after the current step).</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks for a <see cref="Terminated"/> message once <paramref name="actor"/> stops.</summary>
    void Watch(IActorRef actor);

    /// <summary>Cancels an earlier <see cref="Watch"/>.</summary>
    void Unwatch(IActorRef actor);

    /// <summary>Completes after <paramref name="duration"/> of virtual time; await it in an async handler.</summary>
    Task Sleep(TimeSpan duration);

    /// <summary>
    /// Work that takes between <paramref name="min"/> and <paramref name="max"/> of virtual time (named
    /// <paramref name="stage"/> in the trace): like <see cref="Sleep"/>, other actors run and due timers fire
    /// meanwhile; the strategy chooses the duration in steps of <see cref="ActorSystem.WorkResolution"/>
    /// (<see cref="ISchedulingStrategy.ChooseDuration"/>), and the choice is part of the schedule.
    /// </summary>
    Task Work(TimeSpan min, TimeSpan max, string stage) => System.Work(this, min, max, stage);

    /// <summary>
    /// A scheduling point: the handler continues in a later step of this actor (traced as "resume
    /// <paramref name="what"/>"), and other actors may run in between. Await it in an async handler.
    /// </summary>
    YieldAwaitable Yield(string what = "yield");

    /// <summary>
    /// Waits for an answer without sending a question (an Ask whose question the caller has already put
    /// where <paramref name="from"/> will find it): returns the task an Ask would, and in
    /// <paramref name="replyTo"/> the reference whose first Tell answers it. Until then it is an ask of
    /// <paramref name="awaiting"/> to <paramref name="from"/> in deadlock reports.
    /// </summary>
    Task<T> Expect<T>(IActorRef from, object awaiting, out IActorRef replyTo);

    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> after <paramref name="delay"/> of virtual time.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null);

    /// <summary>Attaches <paramref name="text"/> (e.g. a state change) to the current step of the trace.</summary>
    void Annotate(string text);

    /// <summary>
    /// Attaches an interpolated text to the current step of the trace; it is not even formatted when the simulation
    /// records no trace.
    /// </summary>
    void Annotate([System.Runtime.CompilerServices.InterpolatedStringHandlerArgument("")] ref AnnotationHandler text)
    {
        if (System.RecordsTrace)
            Annotate(text.ToStringAndClear());
    }
}
