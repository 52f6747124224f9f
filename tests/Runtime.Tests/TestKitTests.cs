// Akka.TestKit.Xunit2 expectations against simulated actors: they run the simulation on virtual time
// while they wait, fail (with the TestKit's own messages) when the message comes too late or is of the
// wrong type, and leave the clock where they stopped.
using Akka.Actor;
using ModActors.TestKit;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class TestKitTests : SimulationTestKit
{
    private sealed class Delayed : ReceiveActor
    {
        public Delayed() =>
            ReceiveAsync<Ping>(async p =>
            {
                var replyTo = Sender;
                await Context.Sleep(TimeSpan.FromSeconds(2));
                replyTo.Tell(new Pong(p.N));
            });
    }

    [Fact]
    public void ExpectMsgFrom_fails_when_the_reply_comes_after_the_virtual_timeout()
    {
        var probe = CreateTestProbe("probe");
        Sim.ActorOf(Props.Create<Delayed>(), "delayed").Tell(new Ping(1), probe.Ref);
        var error = Assert.ThrowsAny<Exception>(() => ExpectMsgFrom<Pong>(probe, TimeSpan.FromSeconds(1)));
        Assert.Contains("Pong", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), Sim.Now);
        Assert.Equal(new Pong(1), ExpectMsgFrom<Pong>(probe));
        Assert.Equal(TimeSpan.FromSeconds(2), Sim.Now);
    }

    private sealed class Greeter : ReceiveActor
    {
        public Greeter() => ReceiveAny(_ => Sender.Tell("hello"));
    }

    [Fact]
    public void ExpectMsgFrom_fails_on_a_message_of_another_type()
    {
        var probe = CreateTestProbe("probe");
        Sim.ActorOf(Props.Create<Greeter>(), "greeter").Tell(new Go(), probe.Ref);
        var error = Assert.ThrowsAny<Exception>(() => ExpectMsgFrom<Pong>(probe));
        Assert.Contains("hello", error.Message, StringComparison.Ordinal);
    }

    private sealed class Burst : ReceiveActor
    {
        public Burst() => Receive<Go>(_ =>
        {
            for (var i = 0; i < 5; i++)
            {
                Sender.Tell(new Pong(i));
            }
        });
    }

    [Fact]
    public void FishForMessage_skips_messages_a_step_delivered_until_one_matches()
    {
        var probe = CreateTestProbe("probe");
        Sim.ActorOf(Props.Create<Burst>(), "burst").Tell(new Go(), probe.Ref);
        Assert.True(RunUntilMessage(probe));
        Assert.Equal(1, Sim.StepCount);
        Assert.Equal(new Pong(3), probe.FishForMessage<Pong>(p => p.N == 3, TimeSpan.FromSeconds(1)));
        Assert.Equal(new Pong(4), ExpectMsgFrom<Pong>(probe));
    }

    [Fact]
    public void RunUntilMessage_gives_up_at_the_virtual_deadline_with_the_clock_there()
    {
        var probe = CreateTestProbe("probe");
        Sim.ActorOf(Props.Create<Delayed>(), "delayed").Tell(new Ping(1), probe.Ref);
        Assert.False(RunUntilMessage(probe, TimeSpan.FromMilliseconds(1500)));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Sim.Now);
        Assert.True(RunUntilMessage(probe, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(TimeSpan.FromSeconds(2), Sim.Now);
    }

    [Fact]
    public void RunUntil_runs_the_simulation_until_the_condition_holds_or_nothing_can_run()
    {
        var log = Races.Writers(Sim, 2, 2);
        Assert.True(Sim.RunUntil(() => log.Count == 3));
        Assert.Equal(3, log.Count);
        Assert.False(Sim.RunUntil(() => log.Count == 5));
        Assert.Equal(4, log.Count);
        Assert.Equal(RunOutcome.Quiescent, Sim.Result.Outcome);
    }

    [Fact]
    public void A_run_that_deadlocks_says_so_with_its_cycle()
    {
        IActorRef a = null!, b = null!;
        a = Sim.ActorOf(Props.Create(() => new AskPeerActor(() => b)), "a");
        b = Sim.ActorOf(Props.Create(() => new AskPeerActor(() => a)), "b");
        a.Tell(new Go());
        b.Tell(new Go());
        var result = Sim.Run();
        Assert.Equal(RunOutcome.Deadlock, result.Outcome);
        Assert.Contains("cycle: a -> b -> a", result.ToString(), StringComparison.Ordinal);
    }
}
