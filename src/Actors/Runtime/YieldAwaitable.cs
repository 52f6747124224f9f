// A scheduling point without a message (Coyote's SchedulingPoint.Interleave): awaiting Context.Yield()
// ends the actor's step; the handler continues in a later step of the same actor, chosen by the strategy
// like any other. The continuation goes to Akka's ActorTaskScheduler of the actor as if it came from
// elsewhere, so it becomes an await continuation the dispatcher holds. (`await Task.Yield()` is no
// scheduling point under Akka: the actor's scheduler runs a continuation posted from its own step inline.)
using System.Runtime.CompilerServices;
using ModActors.Runtime.Dispatch;

namespace ModActors.Runtime;

/// <summary>What Context.Yield returns; await it inside an async handler.</summary>
public readonly struct YieldAwaitable
{
    private readonly ActorSlot slot;
    private readonly string what;

    internal YieldAwaitable(ActorSlot slot, string what)
    {
        this.slot = slot;
        this.what = what;
    }

    /// <summary>The awaiter.</summary>
    public YieldAwaiter GetAwaiter() => new(slot, what);

    /// <summary>Posts the continuation as a resumption of the yielding actor.</summary>
    public readonly struct YieldAwaiter : ICriticalNotifyCompletion
    {
        private readonly ActorSlot slot;
        private readonly string what;

        internal YieldAwaiter(ActorSlot slot, string what)
        {
            this.slot = slot;
            this.what = what;
        }

        /// <summary>Always false: a yield always ends the step.</summary>
        public bool IsCompleted => false;

        /// <summary>Nothing to return.</summary>
        public void GetResult()
        {
        }

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => Post(continuation);

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => Post(continuation);

        private void Post(Action continuation)
        {
            var simulation = slot.Simulation!;
            var cell = slot.Cell!;
            var outerCause = simulation.EnterCause(slot.TraceName, what);
            var current = AkkaInternals.CurrentCell;
            AkkaInternals.CurrentCell = null;
            try
            {
                Task.Factory.StartNew(continuation, CancellationToken.None, TaskCreationOptions.None, cell.TaskScheduler);
            }
            finally
            {
                AkkaInternals.CurrentCell = current;
                simulation.ExitCause(outerCause);
            }
        }
    }
}
