// Akka's own actors (guardians, /system, temporary actors) and every actor's lifecycle messages
// (create, watch, terminate, supervise) are never choice points: the strategy only ever chooses among
// actors below /user, and work of Akka's own runs between steps.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class SystemActorsTests
{
    /// <summary>Random choices that records every candidate the strategy was offered.</summary>
    private sealed class Recording(long seed) : ISchedulingStrategy
    {
        private readonly RandomStrategy random = new(seed);

        public List<ActorPath> Offered { get; } = [];

        public string Name => random.Name;

        public long Seed => random.Seed;

        public int Depth => random.Depth;

        public int Choose(IReadOnlyList<IActorRef> candidates, long step)
        {
            Offered.AddRange(candidates.Select(c => c.Path));
            return random.Choose(candidates, step);
        }
    }

    private sealed class Busy : ReceiveActor, IWithTimers
    {
        public Busy(IActorRef echo)
        {
            ReceiveAsync<Go>(async _ =>
            {
                var kid = Context.ActorOf(Props.Create<EchoActor>(), "kid");
                Context.Watch(kid);
                await Context.Ask<Pong>(kid, new Ping(1));
                await echo.Ask<Pong>(new Ping(2));
                Timers.StartSingleTimer("later", "later", TimeSpan.FromMilliseconds(10));
                Context.System.EventStream.Publish("published");
                Context.Stop(kid);
            });
            Receive<Terminated>(t => Context.Annotate("gone " + t.ActorRef.Path.Name));
            Receive<string>(s => Context.Annotate(s));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_strategy_is_only_ever_offered_actors_below_user(long seed)
    {
        var strategy = new Recording(seed);
        using var sim = Simulation.Create("system", new SimulationOptions { Strategy = strategy });
        var echo = sim.ActorOf(Props.Create<EchoActor>(), "echo");
        foreach (var name in new[] { "x", "y", "z" })
        {
            sim.ActorOf(Props.Create(() => new Busy(echo)), name).Tell(new Go());
        }

        var result = sim.Run();
        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
        Assert.NotEmpty(strategy.Offered);
        Assert.All(strategy.Offered, p => Assert.Equal("user", p.Elements[0]));
        Assert.All(result.Trace.Steps, s => Assert.Matches("^(x|y|z|echo|x/kid|y/kid|z/kid)$", s.To));
        Assert.Equal(3, result.Trace.Steps.Count(s => s.Annotations.Contains("gone kid")));
        Assert.Equal(3, result.Trace.Steps.Count(s => s.Annotations.Contains("later")));
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef systemEcho) => Receive<Go>(_ => systemEcho.Tell(new Ping(9), Self));
    }

    [Fact]
    public void A_message_to_an_actor_of_akka_s_own_runs_between_steps_and_only_its_reply_to_a_user_actor_is_a_step()
    {
        using var sim = Simulation.Create("system-echo");
        var systemEcho = ((ExtendedActorSystem)sim.System).SystemActorOf(Props.Create<EchoActor>(), "echo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var relay = sim.ActorOf(Props.Create(() => new Relay(systemEcho)), "relay");
            relay.Tell(new Go(), ActorRefs.NoSender);
            var result = sim.Run();
            Assert.Equal(RunOutcome.Quiescent, result.Outcome);
            Assert.Equal(2, result.Steps);
            Assert.Equal("#1 t=0ms - -> relay Go { }", result.Trace.Steps[0].ToString());
            Assert.Equal("relay Pong { N = 9 }", $"{result.Trace.Steps[1].To} {result.Trace.Steps[1].Message}");
            Assert.Empty(result.Schedule.Choices);
        }
        finally
        {
            sim.Stop(systemEcho);
        }
    }

    private sealed class Creator : ReceiveActor
    {
        public Creator(List<string> log)
        {
            Receive<Go>(_ =>
            {
                for (var i = 0; i < 5; i++)
                {
                    Context.Watch(Context.ActorOf(Props.Create<EchoActor>(), "kid" + i));
                }

                foreach (var kid in Context.GetChildren())
                {
                    Context.Stop(kid);
                }
            });
            Receive<Terminated>(t => log.Add(t.ActorRef.Path.Name));
        }
    }

    [Fact]
    public void Creating_watching_and_stopping_children_offers_the_strategy_no_choice()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs }, sim =>
        {
            var log = new List<string>();
            sim.ActorOf(Props.Create(() => new Creator(log)), "creator").Tell(new Go());
            return result => new RunVerdict(string.Join(",", log), result.Outcome == RunOutcome.Quiescent && log.Count == 5);
        });
        var run = Assert.Single(report.Runs);
        Assert.True(run.Passed, run.Key);
        Assert.Empty(run.Schedule!.Choices);
        Assert.Equal(6, run.Steps);
    }
}
