// Work that takes virtual time (code running, as opposed to sleeping): the actor's handler continues
// after a duration in [min, max] of virtual time, and meanwhile other actors run and due timers fire,
// exactly as during a Sleep. A range wider than one resolution step is a choice of the strategy
// (ISchedulingStrategy.ChooseDuration, shortest first) recorded in the schedule like any other, so
// replay and dfs repeat and enumerate it; a zero range takes no time and is no scheduling point.
namespace ModActors.Runtime;

public sealed partial class Simulation
{
    /// <summary>The spacing of the durations a Context.Work range offers: 1 ms.</summary>
    public static readonly TimeSpan WorkResolution = TimeSpan.FromMilliseconds(1);

    internal Task Work(TimeSpan min, TimeSpan max, string stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (min < TimeSpan.Zero || max < min)
            throw new ArgumentOutOfRangeException(nameof(max), $"work {stage}: [{min}, {max}] is not a range of durations");
        if (max == TimeSpan.Zero)
            return Task.CompletedTask;

        var count = (int)Math.Min(int.MaxValue, (max - min).Ticks / WorkResolution.Ticks + 1);
        var index = 0;
        if (count > 1)
        {
            try
            {
                index = strategy.ChooseDuration(count, StepCount);
                if ((uint)index >= (uint)count)
                    throw new ScheduleDivergenceException($"strategy {strategy.Name} chose duration {index} of {count}");
            }
            catch (Exception e)
            {
                FailScheduler("(scheduler)", e.Message);
                return Task.CompletedTask;
            }

            if (!isFifo)
                choices.Add(index);
        }

        var duration = min + (index * WorkResolution);
        return duration <= TimeSpan.Zero
            ? Task.CompletedTask
            : CompleteAfter(duration, "work " + stage + " " + TraceStep.FormatTime(duration));
    }
}
