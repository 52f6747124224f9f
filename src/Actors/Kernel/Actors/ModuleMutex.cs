// module_mutex (kernel/module/main.c): the sleeping lock that protects the modules list, the symbol
// tables and module_use links. mutex_lock() is an Ask answered when the lock is granted; waiters are
// served first come, first served; mutex_unlock() hands the lock to the next waiter. A waiter that is
// interrupted (mutex_lock_interruptible) leaves the queue and gets -EINTR.
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>mutex_lock(&amp;module_mutex) by <paramref name="Task"/>; answered with <see cref="MutexLocked"/>.</summary>
internal sealed record MutexLock(string Task);

/// <summary>The lock is now held by the asker.</summary>
internal sealed record MutexLocked
{
    public static MutexLocked Instance { get; } = new();
}

/// <summary>mutex_unlock(&amp;module_mutex) by its owner.</summary>
internal sealed record MutexUnlock(string Task);

/// <summary>A signal for <paramref name="Task"/> sleeping in mutex_lock_interruptible: it leaves the queue.</summary>
internal sealed record MutexInterrupt(string Task);

/// <summary>The interruptible lock attempt was interrupted (-EINTR).</summary>
internal sealed record MutexInterrupted
{
    public static MutexInterrupted Instance { get; } = new();
}

/// <summary>The actor behind module_mutex.</summary>
internal sealed class ModuleMutex : ReceiveActor, IWaitGraphNode
{
    private readonly Queue<(string Task, IActorRef ReplyTo, IActorRef TaskRef)> waiters = new();
    private IActorRef? ownerRef;

    public ModuleMutex(KernelState state)
    {
        Receive<MutexLock>(m =>
        {
            if (state.MutexOwner is null)
            {
                Grant(state, m.Task, Sender);
            }
            else
            {
                if (state.MutexOwner == m.Task)
                    throw new InvalidOperationException($"{m.Task} locks module_mutex it already holds (self-deadlock)");
                waiters.Enqueue((m.Task, Sender, state.TaskRef(m.Task)));
                Context.Annotate($"{m.Task} waits for module_mutex held by {state.MutexOwner}");
            }
        });
        Receive<MutexInterrupt>(m => Interrupt(m.Task));
        Receive<MutexUnlock>(m =>
        {
            if (state.MutexOwner != m.Task)
                throw new InvalidOperationException($"{m.Task} unlocks module_mutex held by {state.MutexOwner ?? "nobody"}");
            state.MutexOwner = null;
            ownerRef = null;
            if (waiters.TryDequeue(out var next))
                Grant(state, next.Task, next.ReplyTo);
        });
    }

    private void Interrupt(string task)
    {
        var kept = waiters.Where(w => w.Task != task).ToList();
        foreach (var w in waiters.Where(w => w.Task == task))
            w.ReplyTo.Tell(MutexInterrupted.Instance, Self);
        waiters.Clear();
        foreach (var w in kept)
            waiters.Enqueue(w);
    }

    public IEnumerable<WaitEdge> DescribeWaits()
    {
        if (ownerRef is null)
            yield break;
        foreach (var (task, _, taskRef) in waiters)
            yield return new WaitEdge(taskRef, ownerRef, $"module_mutex (mutex_lock by {task})");
    }

    private void Grant(KernelState state, string task, IActorRef replyTo)
    {
        state.MutexOwner = task;
        ownerRef = state.TaskRef(task);
        replyTo.Tell(MutexLocked.Instance, Self);
    }
}
