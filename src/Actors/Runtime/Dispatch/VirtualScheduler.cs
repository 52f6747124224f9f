// Akka's IScheduler on the simulation's virtual clock (akka.scheduler.implementation). ScheduleTellOnce,
// ScheduleOnce and the repeating forms add timers to the running simulation; they fire only when the
// driver advances time (nothing else can run), due timers in creation order. Outside a simulation
// (Akka's own start-up) a timer is kept but never fires.
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ModActors.Runtime.Dispatch;

/// <summary>Akka's scheduler for a simulated system: virtual time, timers fired by the driver.</summary>
public sealed class VirtualScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Called by Akka with the scheduler's configuration.</summary>
    public VirtualScheduler(Config scheduler, ILoggingAdapter log)
        : base(scheduler, log)
    {
        Host = SimulationHost.Creating ?? throw new InvalidOperationException(
            "the VirtualScheduler is only created by SimulationHost (use Simulation.Create)");
        Host.Scheduler = this;
    }

    internal SimulationHost Host { get; }

    /// <inheritdoc/>
    public override TimeSpan MonotonicClock => Host.Now;

    /// <inheritdoc/>
    public override TimeSpan HighResMonotonicClock => Host.Now;

    /// <inheritdoc/>
    protected override DateTimeOffset TimeNow => Epoch + Host.Now;

    /// <inheritdoc/>
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Host.AddTimer(delay, cancelable, () => receiver.Tell(message, sender));

    /// <inheritdoc/>
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Repeat(initialDelay, interval, cancelable, () => receiver.Tell(message, sender));

    /// <inheritdoc/>
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Host.AddTimer(delay, cancelable, action);

    /// <inheritdoc/>
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Host.AddTimer(delay, cancelable, action.Run);

    /// <inheritdoc/>
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Repeat(initialDelay, interval, cancelable, action);

    /// <inheritdoc/>
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Repeat(initialDelay, interval, cancelable, action.Run);

    private void Repeat(TimeSpan delay, TimeSpan interval, ICancelable? cancelable, Action action) =>
        Host.AddTimer(delay, cancelable, () =>
        {
            action();
            Repeat(interval, interval, cancelable, action);
        });
}
