// wait_event_interruptible and wait_event_interruptible_timeout (include/linux/wait.h) on module_wq:
// check the condition; if false, queue (prepare_to_wait_event), check again, sleep until woken or
// timed out, and loop. After a timeout the condition is evaluated once more (___wait_cond_timeout), so a
// condition that became true at the last moment still counts. Conditions are async because the
// kernel's own (finished_loading, resolve_symbol) take module_mutex.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class WaitEvent
{
    /// <summary>wait_event_interruptible(module_wq, condition): 0 once the condition holds.</summary>
    public static async Task<int> wait_event_interruptible(KTask t, Func<Task<bool>> condition)
    {
        await wait_event_interruptible_timeout(t, condition, null);
        return 0;
    }

    /// <summary>
    /// wait_event_interruptible_timeout(module_wq, condition, timeout): the remaining time (at least 1 jiffy's worth,
    /// here 1 tick) when the condition held, 0 when the timeout elapsed with the condition still false.
    /// </summary>
    public static async Task<TimeSpan> wait_event_interruptible_timeout(KTask t, Func<Task<bool>> condition, TimeSpan? timeout)
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
                    woke = await t.Call<WaitWoken>(wq, new ScheduleWait(waiter, left));
                }
                if (woke.TimedOut)
                    return await condition() ? TimeSpan.FromTicks(1) : TimeSpan.Zero;
            }
        }
        finally
        {
            t.Tell(wq, new FinishWait(waiter));
        }
    }

    /// <summary>wake_up_all(&amp;module_wq).</summary>
    public static void wake_up_all(KTask t) => t.Tell(t.Kernel.Wq, new WakeUpAll(t.Name));

    private static TimeSpan Remaining(KTask t, TimeSpan? deadline)
    {
        if (deadline is not { } dl)
            return TimeSpan.MaxValue;
        var left = dl - t.Now;
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }
}
