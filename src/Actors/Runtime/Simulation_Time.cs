// Virtual time: the clock moves only when no step is enabled, jumping to the earliest pending
// timer; every timer due at that instant fires (in creation order) before the strategy chooses
// among the actors they enabled. Nothing here reads the wall clock. Akka's scheduler
// (VirtualScheduler), Sleep and Ask timeouts all add timers here.
using Akka.Actor;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

public sealed partial class Simulation
{
    private readonly PriorityQueue<SimTimer, (long Due, long Sequence)> timers = new();
    private long nowTicks;
    private long timerSequence;
    private (string From, object What)? resumeCause;

    /// <summary>Virtual time now.</summary>
    public TimeSpan Now => new(nowTicks);

    internal Task Sleep(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        return CompleteAfter(duration, "sleep " + TraceStep.FormatTime(duration));
    }

    /// <summary>A task the timer completes after <paramref name="duration"/>; its awaiter resumes traced as "resume <paramref name="what"/>".</summary>
    private Task CompleteAfter(TimeSpan duration, string what)
    {
        var done = new TaskCompletionSource();
        AddTimer(duration, null, () => WithCause("timer", what, () => done.TrySetResult()));
        return done.Task;
    }

    internal SimTimer AddTimer(TimeSpan delay, ICancelable? cancelable, Action fire)
    {
        var due = nowTicks + Math.Max(0, delay.Ticks);
        var timer = new SimTimer(due, timerSequence++, fire, cancelable);
        timers.Enqueue(timer, (due, timer.Sequence));
        return timer;
    }

    /// <summary>Runs <paramref name="action"/> with the cause that resumptions it posts are traced with.</summary>
    internal void WithCause(string from, object what, Action action)
    {
        var outer = EnterCause(from, what);
        try
        {
            action();
        }
        finally
        {
            resumeCause = outer;
        }
    }

    /// <summary>Sets the cause resumptions are traced with and returns the previous one for <see cref="ExitCause"/>.</summary>
    internal (string From, object What)? EnterCause(string from, object what)
    {
        var outer = resumeCause;
        resumeCause = (from, what);
        return outer;
    }

    internal void ExitCause((string From, object What)? outer) => resumeCause = outer;

    private bool FireNextTimers(long deadline)
    {
        DropCancelledTimers();
        if (!timers.TryPeek(out _, out var first) || first.Due > deadline)
        {
            return false;
        }

        nowTicks = Math.Max(nowTicks, first.Due);
        while (timers.TryPeek(out var timer, out var key) && key.Due == first.Due)
        {
            timers.Dequeue();
            if (!timer.IsCancellationRequested)
            {
                timer.Fire();
            }
        }

        return true;
    }

    private void DropCancelledTimers()
    {
        while (timers.TryPeek(out var timer, out _) && timer.IsCancellationRequested)
        {
            timers.Dequeue();
        }
    }
}
