// idem_hash (kernel/module/main.c, since 6.6): one entry per finit_module caller, keyed by the file's
// inode. idempotent() adds the caller's entry and says whether another entry for the same inode was
// already there; idempotent_complete() fills every entry of that inode with the winner's return value
// and completes it; idempotent_wait_for_completion() waits for the caller's own entry. A waiter
// interrupted before completion removes its entry and returns -EINTR (the value an entry starts with).
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>idempotent(u, cookie): answered with <see cref="IdempotentAnswer"/>.</summary>
internal sealed record Idempotent(long Entry, long Inode, string Task);

/// <summary>True when another caller of the same inode is already on the list (so this one waits).</summary>
internal sealed record IdempotentAnswer(bool Busy);

/// <summary>idempotent_complete(u, Ret): completes every entry of the inode.</summary>
internal sealed record IdempotentComplete(long Inode, int Ret);

/// <summary>idempotent_wait_for_completion(u): answered with the entry's ret when completed.</summary>
internal sealed record IdempotentWait(long Entry);

/// <summary>The completed entry's ret.</summary>
internal sealed record IdempotentResult(int Ret);

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

    private readonly List<Entry> hash = [];
    private readonly Dictionary<long, Entry> byId = [];
    private readonly KernelState kernel;

    public IdempotentTable(KernelState kernel)
    {
        this.kernel = kernel;
        Receive<Idempotent>(m =>
        {
            var busy = hash.Exists(e => e.Inode == m.Inode);
            var entry = new Entry(m.Entry, m.Inode, m.Task);
            hash.Insert(0, entry);
            byId[m.Entry] = entry;
            Context.Annotate(busy ? $"inode {m.Inode} busy: {m.Task} waits" : $"inode {m.Inode}: {m.Task} loads");
            Sender.Tell(new IdempotentAnswer(busy), Self);
        });
        Receive<IdempotentComplete>(m =>
        {
            foreach (var e in hash.Where(e => e.Inode == m.Inode).ToList())
            {
                hash.Remove(e);
                e.Ret = m.Ret;
                e.Completed = true;
                if (e.Waiter is { } waiter)
                {
                    byId.Remove(e.Id);
                    waiter.Tell(new IdempotentResult(e.Ret), Self);
                }
            }
            Sender.Tell(Done.Instance, Self);
        });
        Receive<IdempotentWait>(m =>
        {
            var e = byId[m.Entry];
            if (e.Completed)
            {
                byId.Remove(e.Id);
                Sender.Tell(new IdempotentResult(e.Ret), Self);
            }
            else
            {
                e.Waiter = Sender;
            }
        });
    }

    public IEnumerable<WaitEdge> DescribeWaits()
    {
        foreach (var e in hash.Where(e => e.Waiter is not null))
        {
            var winner = hash.LastOrDefault(w => w.Inode == e.Inode);
            if (winner is not null && winner != e)
                yield return new WaitEdge(kernel.TaskRef(e.Task), kernel.TaskRef(winner.Task), $"idempotent completion of inode {e.Inode}");
        }
    }
}
