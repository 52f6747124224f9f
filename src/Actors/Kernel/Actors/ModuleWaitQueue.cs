// module_wq (kernel/module/main.c): the wait queue of module_patient_check_exists (waiting for a
// same-name module to finish loading) and resolve_symbol_wait (waiting for an exporter's init).
// prepare_to_wait puts the waiter on the queue; schedule() sleeps until wake_up_all or the timeout;
// autoremove_wake_function takes a woken waiter off the queue, so the waiter re-queues before it
// re-checks its condition (Main/WaitEvent.cs), which is how the kernel avoids lost wake-ups.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>prepare_to_wait_event(&amp;module_wq, Waiter).</summary>
internal sealed record PrepareToWait(long Waiter, string Task);

/// <summary>schedule() / schedule_timeout(): answered with <see cref="WaitWoken"/> when woken or timed out.</summary>
internal sealed record ScheduleWait(long Waiter, TimeSpan? Timeout);

/// <summary>finish_wait(): leaves the queue without sleeping.</summary>
internal sealed record FinishWait(long Waiter);

/// <summary>wake_up_all(&amp;module_wq).</summary>
internal sealed record WakeUpAll(string By);

/// <summary>The sleep ended: woken, its timeout expired, or a signal interrupted it.</summary>
internal sealed record WaitWoken(bool TimedOut, bool Interrupted = false);

/// <summary>A signal for the task sleeping as Waiter.</summary>
internal sealed record WaitInterrupt(long Waiter);

/// <summary>A waiter's timeout expired.</summary>
internal sealed record WaitTimeout(long Waiter, long Generation);

/// <summary>The actor behind module_wq.</summary>
internal sealed class ModuleWaitQueue : ReceiveActor, IWaitGraphNode
{
    private sealed class Waiter(long id, string task)
    {
        public long Id { get; } = id;
        public string Task { get; } = task;
        public bool Woken { get; set; }
        public IActorRef? Sleeping { get; set; }
        public long Generation { get; set; }
        public ICancelable? Timer { get; set; }
    }

    private readonly List<Waiter> queue = [];
    private readonly Dictionary<long, Waiter> waiters = [];
    private readonly KernelState kernel;

    public ModuleWaitQueue(KernelState kernel)
    {
        this.kernel = kernel;
        Receive<PrepareToWait>(m =>
        {
            if (!waiters.TryGetValue(m.Waiter, out var w))
            {
                w = new Waiter(m.Waiter, m.Task);
                waiters[m.Waiter] = w;
            }
            w.Woken = false;
            if (!queue.Contains(w))
                queue.Add(w);
        });
        Receive<ScheduleWait>(m =>
        {
            var w = waiters[m.Waiter];
            if (w.Woken)
            {
                Sender.Tell(new WaitWoken(false), Self);
                return;
            }
            w.Sleeping = Sender;
            w.Generation++;
            if (m.Timeout is { } timeout)
                w.Timer = Context.System.Scheduler.ScheduleTellOnceCancelable(timeout, Self, new WaitTimeout(w.Id, w.Generation), Self);
        });
        Receive<FinishWait>(m =>
        {
            if (waiters.Remove(m.Waiter, out var w))
            {
                queue.Remove(w);
                w.Timer?.Cancel();
            }
        });
        Receive<WakeUpAll>(m =>
        {
            if (queue.Count > 0)
                Context.Annotate($"wake_up_all by {m.By}: {string.Join(",", queue.Select(w => w.Task))}");
            foreach (var w in queue)
            {
                w.Woken = true;
                Wake(w, timedOut: false);
            }
            queue.Clear();
        });
        Receive<WaitInterrupt>(m =>
        {
            if (waiters.TryGetValue(m.Waiter, out var w) && w.Sleeping is { } sleeper)
            {
                queue.Remove(w);
                w.Timer?.Cancel();
                w.Timer = null;
                w.Sleeping = null;
                sleeper.Tell(new WaitWoken(false, Interrupted: true), Self);
            }
        });
        Receive<WaitTimeout>(m =>
        {
            if (waiters.TryGetValue(m.Waiter, out var w) && w.Sleeping is not null && w.Generation == m.Generation)
            {
                queue.Remove(w);
                Wake(w, timedOut: true);
            }
        });
    }

    public IEnumerable<WaitEdge> DescribeWaits() =>
        queue.Where(w => w.Sleeping is not null)
             .Select(w => new WaitEdge(kernel.TaskRef(w.Task), Self, "module_wq (wait_event)"));

    private void Wake(Waiter w, bool timedOut)
    {
        w.Timer?.Cancel();
        w.Timer = null;
        if (w.Sleeping is { } sleeper)
        {
            w.Sleeping = null;
            sleeper.Tell(new WaitWoken(timedOut), Self);
        }
    }
}
