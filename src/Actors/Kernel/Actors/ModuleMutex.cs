// module_mutex (kernel/module/main.c): the sleeping lock that protects the modules list, the symbol
// tables and module_use links, modelled on kernel/locking/mutex.c. The lock word and wait list
// (MutexState, KernelState.MutexLock) are touched by the tasks themselves, each time within one step as
// the kernel does under wait_lock: mutex_lock (KTask) is a scheduling point followed by the fast path
// (__mutex_trylock_fast: take it if nobody holds it) or the slow path (join the wait list, first come,
// first served, and sleep); mutex_unlock clears the owner when nobody waits (__mutex_unlock_fast) and
// otherwise hands the lock to the first waiter, which this actor answers (__mutex_unlock_slowpath with
// handoff). The actor also takes an interrupted waiter (mutex_lock_interruptible) off the list with
// -EINTR and tells deadlock reports who waits for whom.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>What <paramref name="Task"/> waits for on module_mutex's wait list: <see cref="MutexLocked"/>.</summary>
internal sealed record MutexLock(string Task);

/// <summary>The lock is now held by the asker.</summary>
internal sealed record MutexLocked
{
    public static MutexLocked Instance { get; } = new();
}

/// <summary>A signal for <paramref name="Task"/> sleeping in mutex_lock_interruptible: it leaves the queue.</summary>
internal sealed record MutexInterrupt(string Task);

/// <summary>The interruptible lock attempt was interrupted (-EINTR).</summary>
internal sealed record MutexInterrupted
{
    public static MutexInterrupted Instance { get; } = new();
}

/// <summary>struct mutex for module_mutex: the owner and the wait list.</summary>
internal sealed class MutexState
{
    private readonly Queue<(string Task, IActorRef ReplyTo)> waiters = new();

    /// <summary>The holder, or null.</summary>
    public string? Owner { get; private set; }

    public IEnumerable<string> Waiters => waiters.Select(w => w.Task);

    /// <summary>__mutex_trylock_fast.</summary>
    public bool TryLock(string task)
    {
        if (Owner is null)
        {
            Owner = task;
            return true;
        }
        if (Owner == task)
            throw new InvalidOperationException($"{task} locks module_mutex it already holds (self-deadlock)");
        return false;
    }

    public void Enqueue(string task, IActorRef replyTo) => waiters.Enqueue((task, replyTo));

    /// <summary>mutex_unlock: clears the owner, or hands the lock to the first waiter and answers it (from <paramref name="mutex"/>).</summary>
    public void Unlock(string task, IActorRef mutex)
    {
        if (Owner != task)
            throw new InvalidOperationException($"{task} unlocks module_mutex held by {Owner ?? "nobody"}");
        Owner = null;
        if (waiters.TryDequeue(out var next))
        {
            Owner = next.Task;
            next.ReplyTo.Tell(MutexLocked.Instance, mutex);
        }
    }

    /// <summary>Takes <paramref name="task"/> off the wait list; who to answer, or null if it was not there.</summary>
    public IActorRef? Remove(string task)
    {
        IActorRef? removed = null;
        var count = waiters.Count;
        for (var i = 0; i < count; i++)
        {
            var w = waiters.Dequeue();
            if (w.Task == task)
                removed = w.ReplyTo;
            else
                waiters.Enqueue(w);
        }
        return removed;
    }
}

/// <summary>The actor behind module_mutex's wait list.</summary>
internal sealed class ModuleMutex : ReceiveActor, IWaitGraphNode
{
    private readonly KernelState state;

    public ModuleMutex(KernelState state)
    {
        this.state = state;
        var mutex = state.MutexLock;
        Receive<MutexInterrupt>(m =>
        {
            mutex.Remove(m.Task)?.Tell(MutexInterrupted.Instance, Self);
        });
    }

    public IEnumerable<WaitEdge> DescribeWaits()
    {
        if (state.MutexLock.Owner is not { } owner)
            yield break;
        foreach (var task in state.MutexLock.Waiters)
            yield return new WaitEdge(state.TaskRef(task), state.TaskRef(owner), $"module_mutex (mutex_lock by {task})");
    }
}
