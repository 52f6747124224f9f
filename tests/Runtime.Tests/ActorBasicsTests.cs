// Tell, Ask, async handlers, Become, Stash, Watch and Stop: the Akka idioms the runtime keeps.
using ModActors.Runtime;
using ModActors.Runtime.TestKit;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class ActorBasicsTests
{
    [Fact]
    public void An_echo_actor_answers_the_probe_that_pinged_it()
    {
        using var kit = new TestKit.TestKit();
        var echo = kit.Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        echo.Tell(new Ping(7), kit.TestActor);
        Assert.Equal(new Pong(7), kit.ExpectMsg<Pong>());
        Assert.Equal(echo, kit.TestActor.LastSender);
    }

    [Fact]
    public async Task Ask_from_outside_completes_when_the_run_delivers_the_reply()
    {
        using var sys = ActorSystem.Create("ask");
        var echo = sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var answer = echo.Ask<Pong>(new Ping(3));
        Assert.False(answer.IsCompleted);
        var result = sys.Run();
        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal(new Pong(3), await answer);
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef echo) =>
            ReceiveAsync<Ping>(async p =>
            {
                var replyTo = Sender;
                var pong = await echo.Ask<Pong>(p);
                Context.Annotate("got " + pong);
                replyTo.Tell(new Pong(pong.N * 10), Self);
            });
    }

    [Fact]
    public void Awaiting_an_ask_inside_a_handler_resumes_as_a_step_of_the_asker()
    {
        using var kit = new TestKit.TestKit();
        var echo = kit.Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var fwd = kit.Sys.ActorOf(Props.Create(() => new Forwarder(echo)), "fwd");
        fwd.Tell(new Ping(4), kit.TestActor);
        Assert.Equal(new Pong(40), kit.ExpectMsg<Pong>());
        var lines = kit.Sys.Trace.Steps.Select(s => s.ToString()).ToList();
        Assert.Equal("#1 t=0ms testActor -> fwd Ping { N = 4 }", lines[0]);
        Assert.Equal("#2 t=0ms fwd -> echo Ping { N = 4 }", lines[1]);
        Assert.Equal("#3 t=0ms echo -> fwd resume Pong { N = 4 } [got Pong { N = 4 }]", lines[2]);
    }

    private sealed class Sleeper : ReceiveActor
    {
        public Sleeper() =>
            ReceiveAsync<Go>(async _ =>
            {
                await Context.Sleep(TimeSpan.FromMilliseconds(200));
                Sender.Tell("woke at " + Context.Now.TotalMilliseconds);
            });
    }

    [Fact]
    public void Sleep_advances_virtual_time_and_keeps_the_sender_across_the_await()
    {
        using var kit = new TestKit.TestKit();
        var sleeper = kit.Sys.ActorOf(Props.Create<Sleeper>(), "sleeper");
        sleeper.Tell(new Go(), kit.TestActor);
        Assert.Equal("woke at 200", kit.ExpectMsg<string>());
        Assert.Equal(TimeSpan.FromMilliseconds(200), kit.Sys.Now);
    }

    private sealed class Napper : ReceiveActor
    {
        public Napper(IActorRef echo)
        {
            ReceiveAsync<Go>(_ => Context.Sleep(TimeSpan.FromSeconds(1)));
            ReceiveAsync<Ping>(p => echo.Ask<Pong>(p));
            Receive<string>(s => Sender.Tell(s + " at " + Context.Now.TotalSeconds + "s"));
        }
    }

    [Fact]
    public void A_handler_returning_a_pending_task_suspends_the_mailbox_until_the_task_completes()
    {
        using var kit = new TestKit.TestKit();
        var echo = kit.Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var napper = kit.Sys.ActorOf(Props.Create(() => new Napper(echo)), "napper");
        napper.Tell(new Go());
        napper.Tell("first", kit.TestActor);
        napper.Tell(new Ping(1));
        napper.Tell("second", kit.TestActor);
        Assert.Equal("first at 1s", kit.ExpectMsg<string>());
        Assert.Equal("second at 1s", kit.ExpectMsg<string>());
        kit.RunUntilQuiet();
        Assert.Contains("#2 t=1000ms timer -> napper resume sleep 1000ms", kit.Sys.Trace.ToText(), StringComparison.Ordinal);
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => Receive<Ping>(_ => { });
    }

    [Fact]
    public async Task A_thirty_second_ask_timeout_passes_in_virtual_time_within_a_few_steps()
    {
        using var sys = ActorSystem.Create("timeout");
        var silent = sys.ActorOf(Props.Create<Silent>(), "silent");
        var answer = silent.Ask<Pong>(new Ping(1), TimeSpan.FromSeconds(30));
        var result = sys.Run();
        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), sys.Now);
        Assert.Equal(1, result.Steps);
        Assert.True(answer.IsFaulted);
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => answer);
        Assert.Contains("timed out after 30000ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheduled_tell_arrives_at_its_virtual_time_and_not_before()
    {
        using var kit = new TestKit.TestKit();
        var probe = kit.CreateTestProbe("p");
        var sys = kit.Sys;
        sys.ActorOf(Props.Create(() => new SchedulerActor(probe)), "sched");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(499));
        Assert.Equal("tick", probe.ExpectMsg<string>());
        Assert.Equal(TimeSpan.FromMilliseconds(500), sys.Now);
    }

    private sealed class SchedulerActor : ReceiveActor
    {
        public SchedulerActor(IActorRef target) => Context.ScheduleTellOnce(TimeSpan.FromMilliseconds(500), target, "tick");
    }

    private sealed class Switch : ReceiveActor, IWithStash
    {
        public Switch()
        {
            Receive<string>(_ => { Become(Open); Stash.UnstashAll(); }, s => s == "open");
            Receive<Ping>(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;

        private void Open() => Receive<Ping>(p => Sender.Tell(new Pong(p.N)));
    }

    [Fact]
    public void Stashed_messages_are_handled_in_order_after_become()
    {
        using var kit = new TestKit.TestKit();
        var sw = kit.Sys.ActorOf(Props.Create<Switch>(), "switch");
        sw.Tell(new Ping(1), kit.TestActor);
        sw.Tell(new Ping(2), kit.TestActor);
        kit.ExpectNoMsg(TimeSpan.FromSeconds(1));
        sw.Tell("open");
        Assert.Equal(new Pong(1), kit.ExpectMsg<Pong>());
        Assert.Equal(new Pong(2), kit.ExpectMsg<Pong>());
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef target, IActorRef report)
        {
            Context.Watch(target);
            Receive<Terminated>(t => report.Tell("terminated " + t.ActorRef.Name));
        }
    }

    [Fact]
    public void A_watcher_receives_terminated_when_the_watched_actor_stops()
    {
        using var kit = new TestKit.TestKit();
        var echo = kit.Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        kit.Sys.ActorOf(Props.Create(() => new Watcher(echo, kit.TestActor)), "watcher");
        kit.Sys.Stop(echo);
        Assert.Equal("terminated echo", kit.ExpectMsg<string>());
        echo.Tell(new Ping(1), kit.TestActor);
        kit.ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(1, kit.Sys.DeadLetters);
    }

    [Fact]
    public void Actor_names_must_be_unique_among_siblings()
    {
        using var sys = ActorSystem.Create("names");
        sys.ActorOf(Props.Create<EchoActor>(), "a");
        var error = Assert.Throws<ArgumentException>(() => sys.ActorOf(Props.Create<EchoActor>(), "a"));
        Assert.Contains("'a' is not unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Actors_cannot_be_created_with_new()
    {
        Assert.Throws<InvalidOperationException>(() => new EchoActor());
    }
}
