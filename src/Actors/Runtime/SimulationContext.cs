// What an actor of a simulation can do besides Akka's own IActorContext: the scheduling points of
// the deterministic layer (Yield, Sleep, Ask, Expect on virtual time), the virtual clock, and notes
// on the current step of the trace. Everything else is Akka as usual (Context.Self, Sender,
// ActorOf, Watch, Become, Stash, the system's Scheduler).
using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ModActors.Runtime;

/// <summary>The deterministic layer's additions to an actor's context; use them inside a simulation.</summary>
public static class SimulationContext
{
    extension(IActorContext context)
    {
        /// <summary>Virtual time now.</summary>
        public TimeSpan Now => Simulation.Of(context).Now;

        /// <summary>
        /// A scheduling point: the async handler continues in a later step of this actor (traced as "resume
        /// <paramref name="what"/>"), and other actors may run in between. Await it in an async handler.
        /// </summary>
        public YieldAwaitable Yield(string what = "yield")
        {
            ArgumentNullException.ThrowIfNull(what);
            return new YieldAwaitable(Simulation.SlotOf(context), what);
        }

        /// <summary>Completes after <paramref name="duration"/> of virtual time; await it in an async handler.</summary>
        public Task Sleep(TimeSpan duration) => Simulation.Of(context).Sleep(duration);

        /// <summary>
        /// Work that takes between <paramref name="min"/> and <paramref name="max"/> of virtual time (named
        /// <paramref name="stage"/> in the trace): like Sleep, other actors run and due timers fire meanwhile; the
        /// strategy chooses the duration in steps of <see cref="Simulation.WorkResolution"/>
        /// (<see cref="ISchedulingStrategy.ChooseDuration"/>), and the choice is part of the schedule.
        /// </summary>
        public Task Work(TimeSpan min, TimeSpan max, string stage) => Simulation.Of(context).Work(min, max, stage);

        /// <summary>
        /// Asks <paramref name="target"/> on virtual time: the reply resumes this actor in a step of its own; the
        /// ask is an edge of the wait-for graph in deadlock reports until it is answered or times out.
        /// </summary>
        public Task<T> Ask<T>(IActorRef target, object message, TimeSpan? timeout = null)
        {
            var slot = Simulation.SlotOf(context);
            return slot.Simulation!.Ask<T>(slot, target, message, timeout);
        }

        /// <summary>
        /// Waits for an answer without sending a question (an Ask whose question the caller has already put
        /// where <paramref name="from"/> will find it): returns the task an Ask would, and in
        /// <paramref name="replyTo"/> the reference whose first Tell answers it. Until then it is an ask of
        /// <paramref name="awaiting"/> to <paramref name="from"/> in deadlock reports.
        /// </summary>
        public Task<T> Expect<T>(IActorRef from, object awaiting, out IActorRef replyTo)
        {
            ArgumentNullException.ThrowIfNull(awaiting);
            var slot = Simulation.SlotOf(context);
            var answer = slot.Simulation!.Expect<T>(slot, from, awaiting, out var promise);
            replyTo = promise;
            return answer;
        }

        /// <summary>Attaches <paramref name="text"/> (e.g. a state change) to the current step of the trace.</summary>
        public void Annotate(string text) => Simulation.Of(context).Annotate(text);

        /// <summary>
        /// Attaches an interpolated text to the current step of the trace; it is not even formatted when the simulation
        /// records no trace.
        /// </summary>
        public void Annotate([InterpolatedStringHandlerArgument("context")] ref AnnotationHandler text)
        {
            var simulation = Simulation.Of(context);
            if (simulation.RecordsTrace)
            {
                simulation.Annotate(text.ToStringAndClear());
            }
        }
    }
}
