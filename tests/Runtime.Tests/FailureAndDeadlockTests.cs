// Failures are contained in a report, blocked-forever runs name their parties and the cycle, and
// invariants are checked after every step.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class FailureAndDeadlockTests
{
    private sealed class Faulty : ReceiveActor
    {
        public Faulty(List<string> log)
        {
            log.Add("created");
            Receive<Ping>(p =>
            {
                log.Add("ping " + p.N);
                throw new InvalidOperationException("boom " + p.N);
            });
            ReceiveAsync<Go>(async _ =>
            {
                await Context.Sleep(TimeSpan.FromSeconds(1));
                throw new InvalidOperationException("late boom");
            });
        }
    }

    [Fact]
    public void An_exception_in_a_handler_ends_the_run_with_a_failure_report()
    {
        using var sys = Simulation.Create("fail", new SimulationOptions { Strategy = new RandomStrategy(9) });
        var log = new List<string>();
        var faulty = sys.ActorOf(Props.Create(() => new Faulty(log)), "faulty");
        faulty.Tell(new Ping(1));
        faulty.Tell(new Ping(2));
        var result = sys.Run();
        Assert.Equal(["created", "ping 1"], log);
        Assert.Equal(RunOutcome.Failure, result.Outcome);
        var report = result.Failure!;
        Assert.Equal("faulty", report.Actor);
        Assert.Equal("Ping { N = 1 }", report.Message);
        Assert.Equal(1, report.Step);
        Assert.Equal(9, report.Seed);
        Assert.Equal("InvalidOperationException: boom 1", report.Error);
        Assert.Equal(["#1 t=0ms - -> faulty Ping { N = 1 }"], report.TraceTail);
        Assert.Same(result, sys.Run());
    }

    [Fact]
    public void An_exception_after_an_await_ends_the_run_with_a_failure_report()
    {
        using var sys = Simulation.Create("fail-async");
        var faulty = sys.ActorOf(Props.Create(() => new Faulty(new List<string>())), "faulty");
        faulty.Tell(new Go());
        var result = sys.Run();
        Assert.Equal(RunOutcome.Failure, result.Outcome);
        Assert.Equal("InvalidOperationException: late boom", result.Failure!.Error);
        Assert.Equal(TimeSpan.FromSeconds(1), result.VirtualTime);
        Assert.Equal("Go { }", result.Failure.Message);
    }

    private sealed class FailingParent : ReceiveActor
    {
        public FailingParent()
        {
            var child = Context.ActorOf(Props.Create(() => new Faulty(new List<string>())), "child");
            ReceiveAny(m => child.Forward(m));
        }
    }

    [Fact]
    public void A_failing_child_fails_the_run_instead_of_being_restarted_by_its_parent()
    {
        using var sys = Simulation.Create("fail-child");
        sys.ActorOf(Props.Create<FailingParent>(), "parent").Tell(new Ping(3));
        var result = sys.Run();
        Assert.Equal(RunOutcome.Failure, result.Outcome);
        Assert.Equal("parent/child", result.Failure!.Actor);
        Assert.Equal("Ping { N = 3 }", result.Failure.Message);
        Assert.Equal("InvalidOperationException: boom 3", result.Failure.Error);
    }

    private sealed class BadConstructor : ReceiveActor
    {
        public BadConstructor() => throw new ArgumentException("no way");
    }

    [Fact]
    public void An_exception_in_a_constructor_fails_the_run()
    {
        using var sys = Simulation.Create("fail-ctor");
        sys.ActorOf(Props.Create<BadConstructor>(), "bad");
        var result = sys.Run();
        Assert.Equal(RunOutcome.Failure, result.Outcome);
        Assert.Equal("bad", result.Failure!.Actor);
        Assert.Equal("(constructor)", result.Failure.Message);
        Assert.Equal("ArgumentException: no way", result.Failure.Error);
    }

    [Fact]
    public void The_deadlock_report_names_a_planted_two_party_ask_cycle()
    {
        using var sys = Simulation.Create("deadlock");
        IActorRef a = null!, b = null!;
        a = sys.ActorOf(Props.Create(() => new AskPeerActor(() => b)), "a");
        b = sys.ActorOf(Props.Create(() => new AskPeerActor(() => a)), "b");
        a.Tell(new Go());
        b.Tell(new Go());
        var result = sys.Run();
        Assert.Equal(RunOutcome.Deadlock, result.Outcome);
        var report = result.Deadlock!;
        Assert.Equal(["a", "b"], report.Blocked.Select(p => p.Party));
        Assert.Equal("reply from b to Ping (ask)", report.Blocked[0].What);
        Assert.Equal("reply from a to Ping (ask)", report.Blocked[1].What);
        Assert.Equal("a -> b -> a", report.CycleText);
    }

    private sealed class Lock : ReceiveActor, IWaitGraphNode
    {
        private readonly IActorRef owner;
        private readonly IActorRef waiter;

        public Lock(IActorRef owner, IActorRef waiter)
        {
            this.owner = owner;
            this.waiter = waiter;
        }

        public IEnumerable<WaitEdge> DescribeWaits() => [new WaitEdge(waiter, owner, "module_mutex")];
    }

    [Fact]
    public void A_wait_graph_node_contributes_its_waits_to_the_deadlock_report()
    {
        using var sys = Simulation.Create("mutex");
        var owner = sys.ActorOf(Props.Create<EchoActor>(), "owner");
        var waiter = sys.ActorOf(Props.Create<EchoActor>(), "waiter");
        sys.ActorOf(Props.Create(() => new Lock(owner, waiter)), "lock");
        var result = sys.Run();
        Assert.Equal(RunOutcome.Deadlock, result.Outcome);
        var party = Assert.Single(result.Deadlock!.Blocked);
        Assert.Equal(new BlockedParty("waiter", "owner", "owner (module_mutex)"), party);
        Assert.Empty(result.Deadlock.Cycle);
    }

    private sealed class Awaiter : ReceiveActor
    {
        public Awaiter(TaskCompletionSource never) => ReceiveAsync<Go>(_ => never.Task);
    }

    [Fact]
    public void A_handler_awaiting_a_task_outside_the_simulation_is_reported_blocked()
    {
        using var sys = Simulation.Create("outside");
        var never = new TaskCompletionSource();
        sys.ActorOf(Props.Create(() => new Awaiter(never)), "awaiter").Tell(new Go());
        var result = sys.Run();
        Assert.Equal(RunOutcome.Deadlock, result.Outcome);
        Assert.StartsWith("a task outside the simulation", Assert.Single(result.Deadlock!.Blocked).What, StringComparison.Ordinal);
    }

    [Fact]
    public void A_continuation_arriving_from_another_thread_fails_the_run()
    {
        using var sys = Simulation.Create("foreign");
        var fromOutside = new TaskCompletionSource();
        sys.ActorOf(Props.Create(() => new Awaiter(fromOutside)), "awaiter").Tell(new Go());
        Assert.Equal(RunOutcome.Deadlock, sys.Run().Outcome);
        var other = new Thread(() => fromOutside.SetResult());
        other.Start();
        other.Join();
        var result = sys.Run();
        Assert.Equal(RunOutcome.Failure, result.Outcome);
        Assert.Equal("(foreign thread)", result.Failure!.Actor);
        Assert.Contains("from another thread", result.Failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invariant_is_checked_after_every_step_and_stops_the_run_at_the_violation()
    {
        using var sys = Simulation.Create("inv");
        var log = Races.Writers(sys, 2, 2);
        sys.AddInvariant("at most two entries", () => log.Count > 2 ? $"log has {log.Count} entries" : null);
        var result = sys.Run();
        Assert.Equal(RunOutcome.InvariantViolation, result.Outcome);
        Assert.Equal("at most two entries: log has 3 entries (step 7)", result.Violation);
        Assert.Equal(7, result.Steps);
    }

    private sealed class Looper : ReceiveActor
    {
        public Looper() => Receive<Go>(g => Self.Tell(g));
    }

    [Fact]
    public void A_run_that_never_ends_stops_at_the_step_limit()
    {
        using var sys = Simulation.Create("loop", new SimulationOptions { MaxSteps = 100 });
        sys.ActorOf(Props.Create<Looper>(), "looper").Tell(new Go());
        var result = sys.Run();
        Assert.Equal(RunOutcome.StepLimit, result.Outcome);
        Assert.Equal(100, result.Steps);
    }

    [Fact]
    public void Actors_cannot_be_created_with_new_outside_an_actor()
    {
        Assert.IsType<ActorInitializationException>(TestActors.OutsideAnyActor(() => Record.Exception(() => new EchoActor())));
    }
}
