// The ABBA deadlock: two tasks take two locks in opposite orders. Under some schedules each holds one
// lock and waits for the other; the run ends with a deadlock report that names both tasks, what they
// wait on, and the wait-for cycle; exploration finds it and its schedule reproduces it.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class AbbaDeadlockTests
{
    private sealed record Acquire(IActorRef Task);

    private sealed record Release(IActorRef Task);

    private sealed record Granted;

    /// <summary>A lock: grants itself to one task at a time, queues the others, and says who waits for whom.</summary>
    private sealed class Lock : ReceiveActor, IWaitGraphNode
    {
        private readonly Queue<(IActorRef Task, IActorRef ReplyTo)> waiters = new();
        private IActorRef? owner;

        public Lock()
        {
            Receive<Acquire>(a =>
            {
                if (owner == null)
                {
                    owner = a.Task;
                    Sender.Tell(new Granted());
                }
                else
                {
                    waiters.Enqueue((a.Task, Sender));
                }
            });
            Receive<Release>(_ =>
            {
                owner = null;
                if (waiters.TryDequeue(out var next))
                {
                    owner = next.Task;
                    next.ReplyTo.Tell(new Granted());
                }
            });
        }

        public IEnumerable<WaitEdge> DescribeWaits() =>
            owner == null ? [] : waiters.Select(w => new WaitEdge(w.Task, owner, Self.Path.Name)).ToList();
    }

    private sealed class LockTask : ReceiveActor
    {
        public LockTask(IActorRef first, IActorRef second, List<string> log) => ReceiveAsync<Go>(async _ =>
        {
            var context = Context;
            await context.Ask<Granted>(first, new Acquire(Self));
            await context.Ask<Granted>(second, new Acquire(Self));
            log.Add(Self.Path.Name + " took both");
            second.Tell(new Release(Self));
            first.Tell(new Release(Self));
        });
    }

    private static Func<RunResult, RunVerdict> Abba(Simulation sim)
    {
        var log = new List<string>();
        var a = sim.ActorOf(Props.Create<Lock>(), "lock-a");
        var b = sim.ActorOf(Props.Create<Lock>(), "lock-b");
        sim.ActorOf(Props.Create(() => new LockTask(a, b, log)), "t1").Tell(new Go());
        sim.ActorOf(Props.Create(() => new LockTask(b, a, log)), "t2").Tell(new Go());
        return result => result.Outcome == RunOutcome.Deadlock
            ? new RunVerdict("deadlock: " + result.Deadlock!.CycleText, false)
            : new RunVerdict(result.Outcome + ": " + string.Join(", ", log), result.Outcome == RunOutcome.Quiescent && log.Count == 2);
    }

    [Fact]
    public void The_abba_deadlock_is_reported_with_both_tasks_what_they_wait_on_and_the_cycle()
    {
        using var sim = Simulation.Create("abba");
        Abba(sim);
        var result = sim.Run();
        Assert.Equal(RunOutcome.Deadlock, result.Outcome);
        var report = result.Deadlock!;
        Assert.Equal(["t1", "t2", "t1"], report.Cycle);
        Assert.Equal("t1 -> t2 -> t1", report.CycleText);
        Assert.Contains(new BlockedParty("t1", "lock-b", "reply from lock-b to Acquire (ask)"), report.Blocked);
        Assert.Contains(new BlockedParty("t2", "lock-a", "reply from lock-a to Acquire (ask)"), report.Blocked);
        Assert.Contains(new BlockedParty("t1", "t2", "t2 (lock-b)"), report.Blocked);
        Assert.Contains(new BlockedParty("t2", "t1", "t1 (lock-a)"), report.Blocked);
        Assert.EndsWith("\n  cycle: t1 -> t2 -> t1", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_exploration_finds_both_the_deadlock_and_the_runs_that_pass_and_the_schedule_replays_the_deadlock()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = 100, Parallelism = 2 }, Abba);
        Assert.Contains(report.Outcomes, o => o.Passed);
        var deadlock = Assert.Single(report.Outcomes, o => !o.Passed);
        Assert.Equal("deadlock: t1 -> t2 -> t1", deadlock.Key);
        Assert.Contains("cycle: t1 -> t2 -> t1", deadlock.First.Detail, StringComparison.Ordinal);

        using var sim = Simulation.Create("abba-replay", new SimulationOptions { Strategy = new ReplayStrategy(report.FirstFailure!.Schedule!) });
        var judge = Abba(sim);
        Assert.Equal("deadlock: t1 -> t2 -> t1", judge(sim.Run()).Key);
    }
}
