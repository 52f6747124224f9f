// TestKit expectations on virtual time: they fail with a clear message, wait only virtually, and
// honour Within and AwaitCondition.
using ModActors.Runtime;
using ModActors.Runtime.TestKit;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class TestKitTests
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
    public void ExpectMsg_fails_when_the_reply_comes_after_the_virtual_timeout()
    {
        using var kit = new TestKit.TestKit();
        kit.Sys.ActorOf(Props.Create<Delayed>(), "delayed").Tell(new Ping(1), kit.TestActor);
        var error = Assert.Throws<TestKitAssertionException>(() => kit.ExpectMsg<Pong>(timeout: TimeSpan.FromSeconds(1)));
        Assert.Contains("timeout (1000ms of virtual time) waiting for Pong", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), kit.Sys.Now);
        Assert.Equal(new Pong(1), kit.ExpectMsg<Pong>());
        Assert.Equal(TimeSpan.FromSeconds(2), kit.Sys.Now);
    }

    [Fact]
    public void ExpectMsg_fails_on_a_message_of_another_type()
    {
        using var kit = new TestKit.TestKit();
        kit.TestActor.Tell("hello");
        var error = Assert.Throws<TestKitAssertionException>(() => kit.ExpectMsg<Pong>());
        Assert.Contains("expected a Pong but got hello", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FishForMessage_skips_messages_until_one_matches()
    {
        using var kit = new TestKit.TestKit();
        var probe = kit.CreateTestProbe();
        for (var i = 0; i < 5; i++)
        {
            probe.Tell(new Pong(i));
        }

        Assert.Equal(new Pong(3), probe.FishForMessage<Pong>(p => p.N == 3));
        Assert.Equal(new Pong(4), probe.ExpectMsg<Pong>());
    }

    [Fact]
    public void Within_fails_a_block_that_takes_longer_in_virtual_time()
    {
        using var kit = new TestKit.TestKit();
        kit.Sys.ActorOf(Props.Create<Delayed>(), "delayed").Tell(new Ping(1), kit.TestActor);
        Assert.Throws<TestKitAssertionException>(() => kit.Within(TimeSpan.FromSeconds(1), () => kit.ExpectMsg<Pong>()));
        Assert.Equal(TimeSpan.FromSeconds(1), kit.Sys.Now);
        kit.Within(TimeSpan.FromSeconds(3), () => kit.ExpectMsg<Pong>());
    }

    [Fact]
    public void AwaitCondition_runs_the_simulation_until_the_condition_holds()
    {
        using var kit = new TestKit.TestKit();
        var log = Races.Writers(kit.Sys, 2, 2);
        kit.AwaitCondition(() => log.Count == 3);
        Assert.Equal(3, log.Count);
        var error = Assert.Throws<TestKitAssertionException>(() => kit.AwaitCondition(() => log.Count == 5, message: "five entries"));
        Assert.Contains("five entries did not hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunUntilQuiet_fails_when_the_run_deadlocks()
    {
        using var kit = new TestKit.TestKit();
        IActorRef a = null!, b = null!;
        a = kit.Sys.ActorOf(Props.Create(() => new AskPeerActor(() => b)), "a");
        b = kit.Sys.ActorOf(Props.Create(() => new AskPeerActor(() => a)), "b");
        a.Tell(new Go());
        b.Tell(new Go());
        var error = Assert.Throws<TestKitAssertionException>(() => kit.RunUntilQuiet());
        Assert.Contains("cycle: a -> b -> a", error.Message, StringComparison.Ordinal);
    }
}
