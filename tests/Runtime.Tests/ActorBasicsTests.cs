// Tell, Ask, async handlers, Become, Stash, Watch and Stop: Akka's idioms on the deterministic layer,
// checked with Akka.TestKit probes while the simulation runs on virtual time.
using Akka.Actor;
using ModActors.TestKit;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class ActorBasicsTests : SimulationTestKit
{
    [Fact]
    public void An_echo_actor_answers_the_probe_that_pinged_it()
    {
        var probe = CreateTestProbe("probe");
        var echo = Sim.ActorOf(Props.Create<EchoActor>(), "echo");
        echo.Tell(new Ping(7), probe.Ref);
        Assert.Equal(new Pong(7), ExpectMsgFrom<Pong>(probe));
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public async Task Ask_from_outside_completes_when_the_run_delivers_the_reply()
    {
        var echo = Sim.ActorOf(Props.Create<EchoActor>(), "echo");
        var answer = Sim.Ask<Pong>(echo, new Ping(3));
        Assert.False(answer.IsCompleted);
        var result = Sim.Run();
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
                var pong = await Context.Ask<Pong>(echo, p);
                Context.Annotate("got " + pong);
                replyTo.Tell(new Pong(pong.N * 10), Self);
            });
    }

    [Fact]
    public void Awaiting_an_ask_inside_a_handler_resumes_as_a_step_of_the_asker()
    {
        var probe = CreateTestProbe("probe");
        var echo = Sim.ActorOf(Props.Create<EchoActor>(), "echo");
        var fwd = Sim.ActorOf(Props.Create(() => new Forwarder(echo)), "fwd");
        fwd.Tell(new Ping(4), probe.Ref);
        Assert.Equal(new Pong(40), ExpectMsgFrom<Pong>(probe));
        var lines = Sim.Trace.Steps.Select(s => s.ToString()).ToList();
        Assert.Equal(
            ["#1 t=0ms probe -> fwd Ping { N = 4 }", "#2 t=0ms fwd -> echo Ping { N = 4 }", "#3 t=0ms echo -> fwd resume Pong { N = 4 } [got Pong { N = 4 }]"],
            lines);
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
        var probe = CreateTestProbe("probe");
        var sleeper = Sim.ActorOf(Props.Create<Sleeper>(), "sleeper");
        sleeper.Tell(new Go(), probe.Ref);
        Assert.Equal("woke at 200", ExpectMsgFrom<string>(probe));
        Assert.Equal(TimeSpan.FromMilliseconds(200), Sim.Now);
    }

    private sealed class Napper : ReceiveActor
    {
        public Napper(IActorRef echo)
        {
            ReceiveAsync<Go>(_ => Context.Sleep(TimeSpan.FromSeconds(1)));
            ReceiveAsync<Ping>(p => Context.Ask<Pong>(echo, p));
            Receive<string>(s => Sender.Tell(s + " at " + Context.Now.TotalSeconds + "s"));
        }
    }

    [Fact]
    public void A_handler_returning_a_pending_task_suspends_the_mailbox_until_the_task_completes()
    {
        var probe = CreateTestProbe("probe");
        var echo = Sim.ActorOf(Props.Create<EchoActor>(), "echo");
        var napper = Sim.ActorOf(Props.Create(() => new Napper(echo)), "napper");
        napper.Tell(new Go());
        napper.Tell("first", probe.Ref);
        napper.Tell(new Ping(1));
        napper.Tell("second", probe.Ref);
        Assert.Equal("first at 1s", ExpectMsgFrom<string>(probe));
        Assert.Equal("second at 1s", ExpectMsgFrom<string>(probe));
        Assert.Equal(RunOutcome.Quiescent, Sim.Run().Outcome);
        Assert.Contains("#2 t=1000ms timer -> napper resume sleep 1000ms", Sim.Trace.ToText(), StringComparison.Ordinal);
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => Receive<Ping>(_ => { });
    }

    [Fact]
    public async Task A_thirty_second_ask_timeout_passes_in_virtual_time_within_a_few_steps()
    {
        var silent = Sim.ActorOf(Props.Create<Silent>(), "silent");
        var answer = Sim.Ask<Pong>(silent, new Ping(1), TimeSpan.FromSeconds(30));
        var result = Sim.Run();
        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), Sim.Now);
        Assert.Equal(1, result.Steps);
        Assert.True(answer.IsFaulted);
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => answer);
        Assert.Contains("timed out after 30000ms of virtual time", error.Message, StringComparison.Ordinal);
    }

    private sealed class SchedulerActor : ReceiveActor
    {
        public SchedulerActor(IActorRef target) =>
            Context.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(500), target, "tick", Self);
    }

    [Fact]
    public void A_scheduled_tell_arrives_at_its_virtual_time_and_not_before()
    {
        var probe = CreateTestProbe("probe");
        Sim.ActorOf(Props.Create(() => new SchedulerActor(probe.Ref)), "sched");
        ExpectNoMsgFrom(probe, TimeSpan.FromMilliseconds(499));
        Assert.Equal(TimeSpan.FromMilliseconds(499), Sim.Now);
        Assert.Equal("tick", ExpectMsgFrom<string>(probe));
        Assert.Equal(TimeSpan.FromMilliseconds(500), Sim.Now);
    }

    private sealed class Switch : ReceiveActor, IWithUnboundedStash
    {
        public Switch()
        {
            Receive<string>(
                _ =>
                {
                    Become(Open);
                    Stash.UnstashAll();
                },
                s => s == "open");
            Receive<Ping>(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;

        private void Open() => Receive<Ping>(p => Sender.Tell(new Pong(p.N)));
    }

    [Fact]
    public void Stashed_messages_are_handled_in_order_after_become()
    {
        var probe = CreateTestProbe("probe");
        var sw = Sim.ActorOf(Props.Create<Switch>(), "switch");
        sw.Tell(new Ping(1), probe.Ref);
        sw.Tell(new Ping(2), probe.Ref);
        ExpectNoMsgFrom(probe, TimeSpan.FromSeconds(1));
        sw.Tell("open");
        Assert.Equal(new Pong(1), ExpectMsgFrom<Pong>(probe));
        Assert.Equal(new Pong(2), ExpectMsgFrom<Pong>(probe));
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef target, IActorRef report)
        {
            Context.Watch(target);
            Receive<Terminated>(t => report.Tell("terminated " + t.ActorRef.Path.Name));
        }
    }

    [Fact]
    public void A_watcher_receives_terminated_when_the_watched_actor_stops_and_its_queued_messages_are_dropped()
    {
        var report = CreateTestProbe("report");
        var replies = CreateTestProbe("replies");
        var echo = Sim.ActorOf(Props.Create<EchoActor>(), "echo");
        Sim.ActorOf(Props.Create(() => new Watcher(echo, report.Ref)), "watcher");
        echo.Tell(new Ping(1), replies.Ref);
        Sim.Stop(echo);
        Assert.Equal("terminated echo", ExpectMsgFrom<string>(report));
        ExpectNoMsgFrom(replies, TimeSpan.FromSeconds(1));
        Assert.Equal(1, Sim.DeadLetters);
    }

    [Fact]
    public void A_probe_watching_a_simulated_actor_gets_its_terminated()
    {
        var probe = CreateTestProbe("probe");
        var echo = Sim.ActorOf(Props.Create<EchoActor>(), "echo");
        probe.Watch(echo);
        echo.Tell(PoisonPill.Instance);
        ExpectTerminatedFrom(probe, echo);
    }

    [Fact]
    public void Actor_names_must_be_unique_among_siblings()
    {
        Sim.ActorOf(Props.Create<EchoActor>(), "a");
        var error = Assert.Throws<InvalidActorNameException>(() => Sim.ActorOf(Props.Create<EchoActor>(), "a"));
        Assert.Contains("\"a\" is not unique", error.Message, StringComparison.Ordinal);
    }
}
