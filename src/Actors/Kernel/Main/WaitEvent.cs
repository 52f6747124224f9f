// wait_event_interruptible and wait_event_interruptible_timeout (include/linux/wait.h) on module_wq:
// check the condition; if false, queue (prepare_to_wait_event), check again, sleep until woken or
// timed out, and loop. After a timeout the condition is evaluated once more (___wait_cond_timeout), so a
// condition that became true at the last moment still counts. Conditions are async because the
// kernel's own (finished_loading, resolve_symbol) take module_mutex. A signal (Syscalls.kill) ends the wait with
// -ERESTARTSYS.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class WaitEvent
{
    /// <summary>wait_event_interruptible(module_wq, condition): 0 once the condition holds, -ERESTARTSYS on a signal.</summary>
    public static async Task<int> wait_event_interruptible(KTask t, Func<Task<bool>> condition)
    {
        var ret = await wait_event_interruptible_timeout(t, condition, null);
        return ret < 0 ? (int)ret : 0;
    }

    /// <summary>
    /// wait_event_interruptible_timeout(module_wq, condition, timeout): the time left in ticks (at least 1) when the
    /// condition held, 0 when the timeout elapsed with the condition still false, -ERESTARTSYS when a signal
    /// interrupted the wait.
    /// </summary>
    public static async Task<long> wait_event_interruptible_timeout(KTask t, Func<Task<bool>> condition, TimeSpan? timeout)
    {
        var deadline = timeout is { } d ? t.Now + d : (TimeSpan?)null;
        if (await condition())
            return Remaining(t, deadline);
        var waiter = t.Kernel.NextId();
        var wq = t.Kernel.Wq;
        try
        {
            while (true)
            {
                if (t.SignalPending)
                    return -Errno.ERESTARTSYS;
                t.Tell(wq, new PrepareToWait(waiter, t.Name));
                if (await condition())
                    return Remaining(t, deadline);
                var left = deadline is { } dl ? dl - t.Now : (TimeSpan?)null;
                WaitWoken woke;
                if (left is { } l && l <= TimeSpan.Zero)
                {
                    woke = new WaitWoken(true);
                }
                else
                {
                    using var wait = t.Wait("module_wq");
                    woke = await t.SleepInterruptible<WaitWoken>(wq, new ScheduleWait(waiter, left), new WaitInterrupt(waiter));
                }
                if (woke.Interrupted)
                    return -Errno.ERESTARTSYS;
                if (woke.TimedOut)
                    return await condition() ? 1 : 0;
            }
        }
        finally
        {
            t.Tell(wq, new FinishWait(waiter));
        }
    }

    /// <summary>wake_up_all(&amp;module_wq).</summary>
    public static void wake_up_all(KTask t) => t.Tell(t.Kernel.Wq, new WakeUpAll(t.Name));

    private static long Remaining(KTask t, TimeSpan? deadline)
    {
        if (deadline is not { } dl)
            return long.MaxValue;
        var left = dl - t.Now;
        return left > TimeSpan.Zero ? left.Ticks : 1;
    }
}
