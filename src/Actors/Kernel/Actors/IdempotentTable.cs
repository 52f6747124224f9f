// idem_hash (kernel/module/main.c, since 6.5): one entry per finit_module caller, keyed by the file's
// inode. idempotent() adds the caller's entry and says whether another entry for the same inode was
// already there; idempotent_complete() fills every entry of that inode with the winner's return value
// and completes it; idempotent_wait_for_completion() waits for the caller's own entry. A waiter
// interrupted before completion removes its entry and returns -EINTR (the value an entry starts with).
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>idempotent(u, cookie): answered with <see cref="IdempotentAnswer"/>.</summary>
internal sealed record Idempotent(long Entry, long Inode, string Task);

/// <summary>True when another caller of the same inode is already on the list (so this one waits).</summary>
internal sealed record IdempotentAnswer(bool Busy);

/// <summary>idempotent_complete(u, Ret): completes every entry of the inode.</summary>
internal sealed record IdempotentComplete(long Inode, int Ret);

/// <summary>
/// idempotent_wait_for_completion(u): answered with the entry's ret when completed; with a signal already pending
/// (Interrupted) the wait ends at once and the entry leaves the list.
/// </summary>
internal sealed record IdempotentWait(long Entry, bool Interrupted = false);

/// <summary>The completed entry's ret.</summary>
internal sealed record IdempotentResult(int Ret);

/// <summary>A signal for the task waiting on Entry: it leaves the list and returns the entry's ret (-EINTR unless completed).</summary>
internal sealed record IdempotentInterrupt(long Entry);

/// <summary>The actor behind idem_hash.</summary>
internal sealed class IdempotentTable : ReceiveActor, IWaitGraphNode
{
    private sealed class Entry(long id, long inode, string task)
    {
        public long Id { get; } = id;
        public long Inode { get; } = inode;
        public string Task { get; } = task;
        public int Ret { get; set; } = -Errno.EINTR;
        public bool Completed { get; set; }
        public IActorRef? Waiter { get; set; }
    }

    private readonly Dictionary<long, List<Entry>> hash = [];
    private readonly Dictionary<long, Entry> byId = [];
    private readonly KernelState kernel;

    public IdempotentTable(KernelState kernel)
    {
        this.kernel = kernel;
        Receive<Idempotent>(m =>
        {
            if (!hash.TryGetValue(m.Inode, out var chain))
                hash[m.Inode] = chain = [];
            var busy = chain.Count > 0;
            var entry = new Entry(m.Entry, m.Inode, m.Task);
            chain.Insert(0, entry);
            byId[m.Entry] = entry;
            Context.Annotate(busy ? $"inode {m.Inode} busy: {m.Task} waits" : $"inode {m.Inode}: {m.Task} loads");
            Sender.Tell(new IdempotentAnswer(busy), Self);
        });
        Receive<IdempotentComplete>(m =>
        {
            if (!hash.Remove(m.Inode, out var chain))
                chain = [];
            foreach (var e in chain)
            {
                e.Ret = m.Ret;
                e.Completed = true;
                if (e.Waiter is { } waiter)
                    Leave(e, waiter);
            }
            Sender.Tell(Done.Instance, Self);
        });
        Receive<IdempotentInterrupt>(m =>
        {
            if (byId.TryGetValue(m.Entry, out var e) && e.Waiter is { } waiter)
                Leave(e, waiter);
        });
        Receive<IdempotentWait>(m =>
        {
            var e = byId[m.Entry];
            if (e.Completed || m.Interrupted)
                Leave(e, Sender);
            else
                e.Waiter = Sender;
        });
    }

    /// <summary>The entry's caller returns with its ret; an entry not yet completed leaves the hash chain.</summary>
    private void Leave(Entry e, IActorRef replyTo)
    {
        byId.Remove(e.Id);
        if (!e.Completed && hash.TryGetValue(e.Inode, out var chain))
            chain.Remove(e);
        replyTo.Tell(new IdempotentResult(e.Ret), Self);
    }

    public IEnumerable<WaitEdge> DescribeWaits()
    {
        foreach (var chain in hash.OrderBy(c => c.Key).Select(c => c.Value))
        {
            var winner = chain[^1];
            foreach (var e in chain.Where(e => e.Waiter is not null && e != winner))
                yield return new WaitEdge(kernel.TaskRef(e.Task), kernel.TaskRef(winner.Task), $"idempotent completion of inode {e.Inode}");
        }
    }
}
