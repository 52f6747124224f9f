// Children, paths, stacked behaviours and stopping: Akka's lifecycle idioms under the deterministic layer.
using Akka.Actor;
using ModActors.TestKit;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class LifecycleTests : SimulationTestKit
{
    private sealed class Parent : ReceiveActor
    {
        public Parent(List<string> stopped, IActorRef report)
        {
            var child = Context.ActorOf(Props.Create(() => new Child(stopped)), "child");
            Context.Watch(child);
            Receive<string>(s => child.Tell(s, Sender), s => s == "forward");
            Receive<Terminated>(t => report.Tell("child gone: " + t.ActorRef.Path.ToStringWithoutAddress()));
            Receive<string>(_ => Context.Stop(child), s => s == "stop child");
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
        }

        protected override void PostStop() => Context.Annotate("parent stopped");
    }

    private sealed class Child : ReceiveActor
    {
        private readonly List<string> stopped;

        public Child(List<string> stopped)
        {
            this.stopped = stopped;
            Receive<string>(s => Sender.Tell("child got " + s + " at " + Self.Path.ToStringWithoutAddress()));
        }

        protected override void PostStop() => stopped.Add(Self.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void A_child_lives_under_its_parent_path_and_stops_with_its_parent()
    {
        var probe = CreateTestProbe("probe");
        var stopped = new List<string>();
        var parent = Sim.ActorOf(Props.Create(() => new Parent(stopped, probe.Ref)), "parent");
        parent.Tell("forward", probe.Ref);
        Assert.Equal("child got forward at /user/parent/child", ExpectMsgFrom<string>(probe));
        Assert.Equal("#2 t=0ms probe -> parent/child forward", Sim.Trace.Steps[1].ToString());
        parent.Tell("stop", ActorRefs.NoSender);
        Assert.Equal(RunOutcome.Quiescent, Sim.Run().Outcome);
        Assert.Equal(["/user/parent/child"], stopped);
        Assert.Equal("#3 t=0ms - -> parent stop [parent stopped]", Sim.Trace.Steps[2].ToString());
    }

    [Fact]
    public void A_parent_watching_its_child_hears_of_its_termination()
    {
        var probe = CreateTestProbe("probe");
        var parent = Sim.ActorOf(Props.Create(() => new Parent(new List<string>(), probe.Ref)), "parent");
        parent.Tell("stop child");
        Assert.Equal("child gone: /user/parent/child", ExpectMsgFrom<string>(probe));
    }

    private sealed class Moody : ReceiveActor
    {
        public Moody()
        {
            Receive<string>(_ => BecomeStacked(Angry), s => s == "anger");
            Receive<Ping>(p => Sender.Tell("calm " + p.N));
        }

        private void Angry()
        {
            Receive<string>(_ => UnbecomeStacked(), s => s == "calm down");
            Receive<Ping>(p => Sender.Tell("angry " + p.N));
        }
    }

    [Fact]
    public void UnbecomeStacked_returns_to_the_behaviour_before_BecomeStacked()
    {
        var probe = CreateTestProbe("probe");
        var moody = Sim.ActorOf(Props.Create<Moody>(), "moody");
        moody.Tell(new Ping(1), probe.Ref);
        moody.Tell("anger");
        moody.Tell(new Ping(2), probe.Ref);
        moody.Tell("calm down");
        moody.Tell(new Ping(3), probe.Ref);
        Assert.Equal("calm 1", ExpectMsgFrom<string>(probe));
        Assert.Equal("angry 2", ExpectMsgFrom<string>(probe));
        Assert.Equal("calm 3", ExpectMsgFrom<string>(probe));
    }

    [Fact]
    public void A_message_no_handler_accepts_is_a_step_and_does_not_fail_the_run()
    {
        Sim.ActorOf(Props.Create<EchoActor>(), "echo").Tell(42, ActorRefs.NoSender);
        Assert.Equal(RunOutcome.Quiescent, Sim.Run().Outcome);
        Assert.Equal("#1 t=0ms - -> echo 42", Assert.Single(Sim.Trace.Steps).ToString());
    }

    [Fact]
    public void Every_actor_of_a_run_is_stopped_when_the_simulation_is_disposed_and_the_next_run_reuses_the_system()
    {
        var stopped = new List<string>();
        ActorSystem system;
        using (var sim = Simulation.Create("dispose"))
        {
            system = sim.System;
            sim.ActorOf(Props.Create(() => new Parent(stopped, ActorRefs.Nobody)), "parent");
            sim.ActorOf(Props.Create(() => new Child(stopped)), "loner");
            Assert.Equal(RunOutcome.Quiescent, sim.Run().Outcome);
            Assert.Empty(stopped);
        }

        Assert.Equal(["/user/loner", "/user/parent/child"], stopped.Order(StringComparer.Ordinal));
        using var next = Simulation.Create("next");
        Assert.Same(system, next.System);
        next.ActorOf(Props.Create(() => new Child(stopped)), "loner").Tell("again", ActorRefs.Nobody);
        Assert.Equal(RunOutcome.Quiescent, next.Run().Outcome);
        Assert.Equal("#1 t=0ms - -> loner again", Assert.Single(next.Trace.Steps).ToString());
    }
}
