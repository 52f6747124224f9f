// module_notify_list (kernel/module/main.c) as a blocking notifier chain (kernel/notifier.c): the
// notifier blocks in priority order, guarded by a reader-writer semaphore. Callers of
// blocking_notifier_call_chain[_robust] hold it for reading while they call each block (the blocks are
// actors: Actors/NotifierBlock.cs); register_module_notifier and unregister_module_notifier hold it
// for writing. Waiters are served in arrival order, and a reader arriving after a waiting writer
// queues behind it, as rwsem's handoff does.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>One registered notifier_block: its actor, priority and owning module.</summary>
internal sealed record NotifierEntry(IActorRef Block, int Priority, string Owner, long Id);

/// <summary>down_read(&amp;nh->rwsem): answered with the chain as it stands.</summary>
internal sealed record ChainDownRead(string Task);

/// <summary>The read lock is held; these blocks are to be called in order.</summary>
internal sealed record ChainSnapshot(IReadOnlyList<NotifierEntry> Blocks);

/// <summary>up_read(&amp;nh->rwsem).</summary>
internal sealed record ChainUpRead(string Task);

/// <summary>blocking_notifier_chain_register under the write lock: answered with the errno (0 or -EEXIST).</summary>
internal sealed record ChainRegister(NotifierEntry Entry, string Task);

/// <summary>blocking_notifier_chain_unregister under the write lock: answered with the errno (0 or -ENOENT).</summary>
internal sealed record ChainUnregister(long Id, string Task);

/// <summary>The actor behind module_notify_list.</summary>
internal sealed class ModuleNotifierChain : ReceiveActor, IWaitGraphNode
{
    private readonly List<NotifierEntry> chain = [];
    private readonly Queue<(object Request, IActorRef ReplyTo)> waiting = new();
    private readonly List<string> readers = [];
    private readonly KernelState kernel;

    public ModuleNotifierChain(KernelState kernel)
    {
        this.kernel = kernel;
        Receive<ChainDownRead>(m => Enqueue(m));
        Receive<ChainRegister>(m => Enqueue(m));
        Receive<ChainUnregister>(m => Enqueue(m));
        Receive<ChainUpRead>(m =>
        {
            if (!readers.Remove(m.Task))
                throw new InvalidOperationException($"{m.Task} releases module_notify_list's rwsem it does not hold");
            Drain();
        });
    }

    /// <summary>Whether any block is registered (the unlocked head check of blocking_notifier_call_chain).</summary>
    public static bool HasBlocks(KernelState kernel) => kernel.NotifierCount > 0;

    public IEnumerable<WaitEdge> DescribeWaits()
    {
        foreach (var (request, _) in waiting)
        {
            var task = request switch
            {
                ChainDownRead r => r.Task,
                ChainRegister r => r.Task,
                ChainUnregister r => r.Task,
                _ => null,
            };
            foreach (var reader in readers)
            {
                if (task is not null)
                    yield return new WaitEdge(kernel.TaskRef(task), kernel.TaskRef(reader), "module_notify_list rwsem");
            }
        }
    }

    private void Enqueue(object request)
    {
        waiting.Enqueue((request, Sender));
        Drain();
    }

    private void Drain()
    {
        while (waiting.TryPeek(out var head))
        {
            switch (head.Request)
            {
                case ChainDownRead r:
                    readers.Add(r.Task);
                    head.ReplyTo.Tell(new ChainSnapshot(chain.ToArray()), Self);
                    break;
                case ChainRegister r when readers.Count == 0:
                    head.ReplyTo.Tell(Register(r.Entry), Self);
                    break;
                case ChainUnregister r when readers.Count == 0:
                    head.ReplyTo.Tell(Unregister(r.Id), Self);
                    break;
                default:
                    return;
            }
            waiting.Dequeue();
        }
    }

    private int Register(NotifierEntry entry)
    {
        if (chain.Exists(e => e.Id == entry.Id))
            return -Errno.EEXIST;
        var at = chain.FindIndex(e => entry.Priority > e.Priority);
        chain.Insert(at < 0 ? chain.Count : at, entry);
        kernel.NotifierCount = chain.Count;
        Context.Annotate($"notifier of {entry.Owner} registered (priority {entry.Priority})");
        return 0;
    }

    private int Unregister(long id)
    {
        var removed = chain.RemoveAll(e => e.Id == id);
        kernel.NotifierCount = chain.Count;
        return removed == 0 ? -Errno.ENOENT : 0;
    }
}
