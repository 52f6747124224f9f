// The per-actor SynchronizationContext that makes async handlers deterministic: every await
// continuation of a handler is posted back here and becomes a scheduled step of that actor,
// instead of running on the thread pool.
namespace ModActors.Runtime;

internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.System.PostResumption(cell, d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("synchronous Send is not supported inside a simulation; use await");

    public override SynchronizationContext CreateCopy() => this;
}
