// Ordering guarantees every strategy keeps: per sender-receiver FIFO, and timers due at the same
// instant firing in creation order.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class OrderingTests
{
    private sealed class Burst : ReceiveActor
    {
        public Burst(IActorRef sink) => Receive<Go>(_ =>
        {
            for (var i = 0; i < 5; i++)
            {
                sink.Tell(Self.Path.Name + i, Self);
            }
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Messages_from_one_sender_arrive_in_the_order_sent_under_any_schedule(long seed)
    {
        using var sys = Simulation.Create("fifo-pairs", new SimulationOptions { Strategy = new RandomStrategy(seed) });
        var log = new List<string>();
        var sink = sys.ActorOf(Props.Create(() => new LogActor(log)), "sink");
        sys.ActorOf(Props.Create(() => new Burst(sink)), "x").Tell(new Go());
        sys.ActorOf(Props.Create(() => new Burst(sink)), "y").Tell(new Go());
        sys.Run();
        Assert.Equal(["sink:x0", "sink:x1", "sink:x2", "sink:x3", "sink:x4"], log.Where(l => l.StartsWith("sink:x", StringComparison.Ordinal)));
        Assert.Equal(["sink:y0", "sink:y1", "sink:y2", "sink:y3", "sink:y4"], log.Where(l => l.StartsWith("sink:y", StringComparison.Ordinal)));
    }

    private sealed class TwoTimers : ReceiveActor
    {
        public TwoTimers(IActorRef target)
        {
            var scheduler = Context.System.Scheduler;
            scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), target, "first", Self);
            scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), target, "second", Self);
            scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(1), target, "cancelled", Self).Cancel();
        }
    }

    [Fact]
    public void Timers_due_at_the_same_instant_fire_in_creation_order_and_cancelled_ones_never()
    {
        using var sys = Simulation.Create("timers");
        var log = new List<string>();
        var sink = sys.ActorOf(Props.Create(() => new LogActor(log)), "sink");
        sys.ActorOf(Props.Create(() => new TwoTimers(sink)), "timers");
        var result = sys.Run();
        Assert.Equal(["sink:first", "sink:second"], log);
        Assert.Equal(TimeSpan.FromSeconds(1), result.VirtualTime);
    }

    private sealed class Ticker : ReceiveActor
    {
        public Ticker(List<string> log)
        {
            var ticks = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(
                TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(400), Self, "tick", Self);
            Receive<string>(_ =>
            {
                log.Add("tick at " + Context.Now.TotalMilliseconds + "ms");
                if (log.Count == 3)
                {
                    ticks.Cancel();
                }
            });
        }
    }

    [Fact]
    public void A_repeating_timer_ticks_on_virtual_time_until_cancelled()
    {
        using var sim = Simulation.Create("ticker");
        var log = new List<string>();
        sim.ActorOf(Props.Create(() => new Ticker(log)), "ticker");
        var result = sim.Run();
        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
        Assert.Equal(["tick at 400ms", "tick at 800ms", "tick at 1200ms"], log);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), result.VirtualTime);
    }
}
