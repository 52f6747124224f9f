// Children, paths, stacked behaviours and stopping: lifecycle idioms kept from Akka.
using ModActors.Runtime;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class LifecycleTests
{
    private sealed class Parent : ReceiveActor
    {
        public Parent(List<string> stopped, IActorRef report)
        {
            var child = Context.ActorOf(Props.Create(() => new Child(stopped)), "child");
            Context.Watch(child);
            Receive<string>(s => child.Tell(s, Sender), s => s == "forward");
            Receive<Terminated>(t => report.Tell("child gone: " + t.ActorRef.Path));
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
            Receive<string>(s => Sender.Tell("child got " + s + " at " + Self.Path));
        }

        protected override void PostStop() => stopped.Add(Self.Path);
    }

    [Fact]
    public void A_child_lives_under_its_parent_path_and_stops_with_its_parent()
    {
        using var kit = new TestKit.TestKit();
        var stopped = new List<string>();
        var parent = kit.Sys.ActorOf(Props.Create(() => new Parent(stopped, kit.TestActor)), "parent");
        parent.Tell("forward", kit.TestActor);
        Assert.Equal("child got forward at /user/parent/child", kit.ExpectMsg<string>());
        parent.Tell("stop");
        kit.RunUntilQuiet();
        Assert.Equal(["/user/parent/child"], stopped);
        Assert.Contains(kit.Sys.Trace.Steps, s => s.Annotations.Contains("parent stopped"));
    }

    [Fact]
    public void A_parent_watching_its_child_hears_of_its_termination()
    {
        using var kit = new TestKit.TestKit();
        var parent = kit.Sys.ActorOf(Props.Create(() => new Parent([], kit.TestActor)), "parent");
        parent.Tell("stop child");
        Assert.Equal("child gone: /user/parent/child", kit.ExpectMsg<string>());
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
        using var kit = new TestKit.TestKit();
        var moody = kit.Sys.ActorOf(Props.Create<Moody>(), "moody");
        moody.Tell(new Ping(1), kit.TestActor);
        moody.Tell("anger");
        moody.Tell(new Ping(2), kit.TestActor);
        moody.Tell("calm down");
        moody.Tell(new Ping(3), kit.TestActor);
        Assert.Equal("calm 1", kit.ExpectMsg<string>());
        Assert.Equal("angry 2", kit.ExpectMsg<string>());
        Assert.Equal("calm 3", kit.ExpectMsg<string>());
    }

    [Fact]
    public void A_message_no_handler_accepts_is_noted_as_unhandled_in_the_trace()
    {
        using var sys = ActorSystem.Create("unhandled");
        sys.ActorOf(Props.Create<EchoActor>(), "echo").Tell(42);
        sys.Run();
        Assert.Equal("#1 t=0ms - -> echo 42 [unhandled Int32]", Assert.Single(sys.Trace.Steps).ToString());
    }
}
