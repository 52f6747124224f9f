// Context.Work(min, max, stage): work that takes virtual time. Like a sleep, other actors run and due timers
// fire meanwhile; the duration is a choice of the strategy (fifo the middle, random and pct uniformly, dfs every
// one) recorded in the schedule, so a replay takes the same durations.
using Akka.Actor;
using ModActors.Runtime;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class WorkTests
{
    private sealed class Worker : ReceiveActor
    {
        public Worker(List<string> log, int minMs, int maxMs) => ReceiveAsync<string>(async m =>
        {
            await Context.Work(TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs), m);
            log.Add($"{Self.Path.Name} done {m} at {Context.Now.TotalMilliseconds}");
        });
    }

    private sealed class Sleeper : ReceiveActor
    {
        public Sleeper(List<string> log) => ReceiveAsync<string>(async m =>
        {
            await Context.Sleep(TimeSpan.FromMilliseconds(20));
            log.Add("sink:" + m);
        });
    }

    private static (List<string> Log, RunResult Run) Race(ISchedulingStrategy strategy, int minMs = 10, int maxMs = 30)
    {
        using var sys = Simulation.Create("work", new SimulationOptions { Strategy = strategy });
        var log = new List<string>();
        sys.ActorOf(Props.Create(() => new Worker(log, minMs, maxMs)), "w").Tell("stage");
        sys.ActorOf(Props.Create(() => new Sleeper(log)), "sink").Tell("timer");
        var run = sys.Run();
        return (log, run);
    }

    [Fact]
    public void Under_fifo_work_takes_the_middle_of_its_range_and_a_timer_due_meanwhile_fires_first()
    {
        var (log, run) = Race(new FifoStrategy(), 10, 40);
        Assert.Equal(["sink:timer", "w done stage at 25"], log);
        Assert.Empty(run.Schedule.Choices);
        Assert.Contains(run.Trace.Steps, s => s.Message == "resume work stage 25ms");
    }

    [Fact]
    public void Random_schedules_choose_durations_on_both_sides_of_a_due_timer_and_replay_repeats_them()
    {
        var orders = new HashSet<string>();
        for (var seed = 1; seed <= 30; seed++)
        {
            var (log, run) = Race(new RandomStrategy(seed));
            orders.Add(log[0]);
            var (again, replayed) = Race(new ReplayStrategy(run.Schedule));
            Assert.Equal(log, again);
            Assert.Equal(run.Trace.Hash(), replayed.Trace.Hash());
        }

        Assert.Contains("sink:timer", orders);
        Assert.Contains(orders, o => o.StartsWith("w done", StringComparison.Ordinal));
    }

    [Fact]
    public void Dfs_enumerates_every_duration_of_the_range()
    {
        var dfs = new DfsStrategy();
        var ends = new List<string>();
        do
        {
            ends.Add(Race(dfs, 3, 6).Log.Single(l => l.StartsWith("w", StringComparison.Ordinal)));
        }
        while (dfs.NextSchedule());

        Assert.True(dfs.Exhausted);
        Assert.Equal(8, ends.Count);
        Assert.Equal(["w done stage at 3", "w done stage at 4", "w done stage at 5", "w done stage at 6"], ends.Distinct().Order());
    }

    [Fact]
    public void Work_without_a_range_is_no_scheduling_point_and_a_backwards_range_is_refused()
    {
        var (log, run) = Race(new DfsStrategy(), 0, 0);
        Assert.Equal(["w done stage at 0", "sink:timer"], log);
        Assert.Equal([0], run.Schedule.Choices);
        var (_, bad) = Race(new FifoStrategy(), 5, 1);
        Assert.Equal(RunOutcome.Failure, bad.Outcome);
        Assert.Contains("work stage", bad.Failure!.Error, StringComparison.Ordinal);
    }
}
