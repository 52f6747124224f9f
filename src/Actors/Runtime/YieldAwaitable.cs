// A scheduling point without a message (Coyote's SchedulingPoint.Interleave): awaiting Context.Yield()
// ends the actor's step; the handler continues in a later step of the same actor, chosen by the strategy
// like any other. The continuation is posted straight to the actor's resumption queue, so a yield
// allocates nothing beyond the handler's own state machine.
using System.Runtime.CompilerServices;

namespace ModActors.Runtime;

/// <summary>What <see cref="IActorContext.Yield"/> returns; await it inside an async handler.</summary>
public readonly struct YieldAwaitable
{
    private readonly ActorCell cell;
    private readonly string what;

    internal YieldAwaitable(ActorCell cell, string what)
    {
        this.cell = cell;
        this.what = what;
    }

    /// <summary>The awaiter.</summary>
    public YieldAwaiter GetAwaiter() => new(cell, what);

    /// <summary>Posts the continuation as a resumption of the yielding actor.</summary>
    public readonly struct YieldAwaiter : ICriticalNotifyCompletion
    {
        private static readonly SendOrPostCallback Invoke = static state => ((Action)state!)();
        private readonly ActorCell cell;
        private readonly string what;

        internal YieldAwaiter(ActorCell cell, string what)
        {
            this.cell = cell;
            this.what = what;
        }

        /// <summary>Always false: a yield always ends the step.</summary>
        public bool IsCompleted => false;

        /// <summary>Nothing to return.</summary>
        public void GetResult()
        {
        }

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => cell.System.PostYield(cell, Invoke, continuation, what);

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => cell.System.PostYield(cell, Invoke, continuation, what);
    }
}
