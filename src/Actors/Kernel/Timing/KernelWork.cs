// Kernel work taking time (the timing model's hook into the code paths of Main/): a stage of the
// loader advances the task's virtual time by a duration from the kernel's timing profile, chosen by
// the strategy (IActorContext.Work); module code's msleep overruns by the profile's percentage, as
// timers do in the guest the profile was measured in.
using Akka.Actor;
using ModActors.Runtime;
namespace ModActors.Kernel;

internal static class KernelWork
{
    /// <summary>The work of <paramref name="stage"/> (a name of <see cref="TimingProfile.Stages"/>).</summary>
    public static Task Work(this KTask t, string stage)
    {
        var range = t.Kernel.Config.Timing[stage];
        if (range.MaxMs == 0)
            return Task.CompletedTask;
        return t.Context.Work(TimeSpan.FromMilliseconds(range.MinMs), TimeSpan.FromMilliseconds(range.MaxMs), stage);
    }

    /// <summary>msleep(ms) in module code: the asked time plus the profile's overrun.</summary>
    public static Task msleep_overrun(this KTask t, long milliseconds)
    {
        if (milliseconds <= 0)
            return Task.CompletedTask;
        var overrun = t.Kernel.Config.Timing.MsleepOverrunPercent;
        if (overrun.MaxMs == 0)
            return t.msleep(milliseconds);
        var min = TimeSpan.FromMilliseconds(milliseconds + (milliseconds * overrun.MinMs / 100));
        var max = TimeSpan.FromMilliseconds(milliseconds + (milliseconds * overrun.MaxMs / 100));
        return t.Context.Work(min, max, "msleep");
    }
}
