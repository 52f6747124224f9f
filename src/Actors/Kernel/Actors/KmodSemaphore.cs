// kmod_concurrent_max (kernel/module/kmod.c): the counting semaphore, initialised to MAX_KMOD_CONCURRENT
// (50), that bounds concurrent request_module calls; down_timeout waits up to
// MAX_KMOD_ALL_BUSY_TIMEOUT (5 s) and fails with -ETIME.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>down_timeout(&amp;kmod_concurrent_max, Timeout): answered with 0 or -ETIME.</summary>
internal sealed record KmodDown(long Waiter, TimeSpan Timeout);

/// <summary>up(&amp;kmod_concurrent_max).</summary>
internal sealed record KmodUp;

/// <summary>A waiter's timeout expired.</summary>
internal sealed record KmodTimeout(long Waiter);

/// <summary>The actor behind kmod_concurrent_max.</summary>
internal sealed class KmodSemaphore : ReceiveActor
{
    /// <summary>MAX_KMOD_CONCURRENT.</summary>
    public const int MAX_KMOD_CONCURRENT = 50;

    private readonly List<(long Waiter, IActorRef ReplyTo, ICancelable Timer)> waiters = [];
    private int count = MAX_KMOD_CONCURRENT;

    public KmodSemaphore()
    {
        Receive<KmodDown>(m =>
        {
            if (count > 0 && waiters.Count == 0)
            {
                count--;
                Sender.Tell(0, Self);
                return;
            }
            var timer = Context.System.Scheduler.ScheduleTellOnceCancelable(m.Timeout, Self, new KmodTimeout(m.Waiter), Self);
            waiters.Add((m.Waiter, Sender, timer));
        });
        Receive<KmodUp>(_ =>
        {
            if (waiters.Count > 0)
            {
                var (_, replyTo, timer) = waiters[0];
                waiters.RemoveAt(0);
                timer.Cancel();
                replyTo.Tell(0, Self);
            }
            else
            {
                count++;
            }
        });
        Receive<KmodTimeout>(m =>
        {
            var i = waiters.FindIndex(w => w.Waiter == m.Waiter);
            if (i >= 0)
            {
                waiters[i].ReplyTo.Tell(-Errno.ETIME, Self);
                waiters.RemoveAt(i);
            }
        });
    }
}
