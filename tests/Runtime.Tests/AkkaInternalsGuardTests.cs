// Guards for src/Actors/Runtime/Dispatch/AkkaInternals.cs, the one file that reaches into Akka.NET's
// internals: each test fails when an Akka upgrade changes something the deterministic layer relies on
// (the pinned version, the continuation message type, Mailbox.HasSystemMessages and IsSuspended,
// ActorCell.Actor, the current-cell keeper), and one shows the fact the step gate exists for: Akka's
// Mailbox.Run at throughput 1 takes more than one message when nothing holds it back.
using System.Reflection;
using System.Xml.Linq;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;
using ModActors.Runtime.Dispatch;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class AkkaInternalsGuardTests
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Directory.Packages.props not found");
        }
    }

    [Fact]
    public void Akka_is_pinned_to_the_version_the_internals_were_written_against_and_that_version_is_loaded()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"));
        var pins = props.Descendants("PackageVersion")
            .Where(p => (string?)p.Attribute("Include") is "Akka" or "Akka.TestKit.Xunit2")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        Assert.Equal("1.5.74", AkkaInternals.PinnedVersion.ToString(3));
        Assert.Equal(AkkaInternals.PinnedVersion.ToString(3), pins["Akka"]);
        Assert.All(pins.Values, v => Assert.Equal(AkkaInternals.PinnedVersion.ToString(3), v));
        var loaded = AkkaInternals.LoadedVersion!;
        Assert.Equal(AkkaInternals.PinnedVersion.ToString(3), loaded.ToString(3));
        var informational = typeof(ActorCell).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith("1.5.74", informational, StringComparison.Ordinal);
    }

    [Fact]
    public void ActorTaskSchedulerMessage_is_still_the_internal_system_message_of_an_await_continuation()
    {
        var type = AkkaInternals.ActorTaskSchedulerMessage;
        Assert.Equal("Akka.Dispatch.SysMsg.ActorTaskSchedulerMessage", type.FullName);
        Assert.True(type.IsSubclassOf(typeof(SystemMessage)));
        Assert.False(type.IsPublic);
    }

    private sealed class Napper : ReceiveActor
    {
        public Napper() => ReceiveAsync<Go>(_ => Context.Sleep(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void An_await_continuation_arrives_as_an_ActorTaskSchedulerMessage_and_is_held_as_a_resumption()
    {
        using var sim = Simulation.Create("guard-continuation");
        var napper = sim.ActorOf(Props.Create<Napper>(), "napper");
        var slot = Simulation.SlotOf(napper)!;
        napper.Tell(new Go());
        Assert.True(sim.RunUntil(() => slot.HasResumptions));
        Assert.Equal(TimeSpan.FromSeconds(1), sim.Now);
        Assert.Equal(1, sim.StepCount);
        Assert.Equal(RunOutcome.Quiescent, sim.Run().Outcome);
        Assert.Equal("#2 t=1000ms timer -> napper resume sleep 1000ms", sim.Trace.Steps[1].ToString());
    }

    [Fact]
    public void Mailbox_IsSuspended_is_true_exactly_while_an_async_handler_awaits()
    {
        Assert.NotNull(typeof(Mailbox).GetMethod("IsSuspended", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes));
        using var sim = Simulation.Create("guard-suspended");
        var napper = sim.ActorOf(Props.Create<Napper>(), "napper");
        var slot = Simulation.SlotOf(napper)!;
        napper.Tell(new Go());
        Assert.False(AkkaInternals.IsSuspended(slot.Mailbox!));
        Assert.True(sim.RunUntil(() => sim.StepCount == 1));
        Assert.True(sim.RunUntil(() => slot.HasResumptions));
        Assert.True(AkkaInternals.IsSuspended(slot.Mailbox!));
        sim.Run();
        Assert.False(AkkaInternals.IsSuspended(slot.Mailbox!));
    }

    private sealed class WatchAndLook : ReceiveActor
    {
        public WatchAndLook(IActorRef target, Func<bool> targetHasSystemMessages, List<bool> seen) => Receive<Go>(_ =>
        {
            seen.Add(targetHasSystemMessages());
            Context.Watch(target);
            seen.Add(targetHasSystemMessages());
        });
    }

    [Fact]
    public void Mailbox_HasSystemMessages_sees_a_system_message_until_the_mailbox_has_run()
    {
        Assert.Equal(typeof(bool), typeof(Mailbox).GetProperty("HasSystemMessages", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.PropertyType);
        using var sim = Simulation.Create("guard-system-messages");
        var target = sim.ActorOf(Props.Create<EchoActor>(), "target");
        var targetSlot = Simulation.SlotOf(target)!;
        var seen = new List<bool>();
        var looker = sim.ActorOf(Props.Create(() => new WatchAndLook(target, () => AkkaInternals.HasSystemMessages(targetSlot.Mailbox!), seen)), "looker");
        looker.Tell(new Go());
        Assert.Equal(RunOutcome.Quiescent, sim.Run().Outcome);
        Assert.Equal([false, true], seen);
        Assert.False(AkkaInternals.HasSystemMessages(targetSlot.Mailbox!));
    }

    private sealed class Remembered : ReceiveActor
    {
        public Remembered(List<ActorBase> instances, List<ActorCell?> cells)
        {
            instances.Add(this);
            Receive<Go>(_ => cells.Add(AkkaInternals.CurrentCell));
        }
    }

    [Fact]
    public void ActorCell_Actor_is_the_actor_instance_and_the_current_cell_is_set_only_inside_its_step()
    {
        Assert.NotNull(typeof(ActorCell).GetProperty("Actor", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));
        using var sim = Simulation.Create("guard-actor");
        var instances = new List<ActorBase>();
        var cells = new List<ActorCell?>();
        var actor = sim.ActorOf(Props.Create(() => new Remembered(instances, cells)), "remembered");
        var slot = Simulation.SlotOf(actor)!;
        Assert.Same(Assert.Single(instances), AkkaInternals.ActorOf(slot.Cell!));
        var outside = AkkaInternals.CurrentCell;
        actor.Tell(new Go());
        sim.Run();
        Assert.Same(slot.Cell, Assert.Single(cells));
        Assert.Same(outside, AkkaInternals.CurrentCell);
    }

    private sealed class Counter : ReceiveActor
    {
        public Counter(List<int> handled) => Receive<Ping>(p => handled.Add(p.N));
    }

    [Fact]
    public void Mailbox_Run_at_throughput_one_takes_more_than_one_message_when_ungated_which_is_why_the_queue_has_a_gate()
    {
        using var sim = Simulation.Create("guard-throughput");
        var handled = new List<int>();
        var counter = sim.ActorOf(Props.Create(() => new Counter(handled)), "counter");
        var slot = Simulation.SlotOf(counter)!;
        Assert.Equal(1, slot.Cell!.Dispatcher.Throughput);
        for (var i = 1; i <= 3; i++)
        {
            counter.Tell(new Ping(i));
        }

        SimulationHost.RunMailbox(slot, slot.Mailbox!, int.MaxValue);
        Assert.True(handled.Count > 1, $"Mailbox.Run took {handled.Count} message(s) at throughput 1");

        var left = Enumerable.Range(1, 3).Skip(handled.Count).ToList();
        handled.Clear();
        counter.Tell(new Ping(4));
        Assert.Equal(RunOutcome.Quiescent, sim.Run().Outcome);
        Assert.Equal([.. left, 4], handled);
        Assert.Equal(left.Count + 1, sim.StepCount);
    }
}
