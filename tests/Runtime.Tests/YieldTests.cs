// Context.Yield(): a scheduling point without a message. The handler ends its step and continues in a later
// step of its own, traced as "resume WHAT"; another actor may run in between, and which one runs first is the
// strategy's choice like any other.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class YieldTests
{
    private sealed class Yielder : ReceiveActor
    {
        public Yielder(List<string> log) => ReceiveAsync<string>(async m =>
        {
            log.Add(Self.Path.Name + " before " + m);
            await Context.Yield("take the lock");
            log.Add(Self.Path.Name + " after " + m);
        });
    }

    [Fact]
    public void A_yield_ends_the_step_and_the_handler_resumes_in_a_later_step_of_its_own()
    {
        using var sys = Simulation.Create("yield");
        var log = new List<string>();
        var a = sys.ActorOf(Props.Create(() => new Yielder(log)), "a");
        var sink = sys.ActorOf(Props.Create(() => new LogActor(log)), "sink");
        a.Tell("go", ActorRefs.NoSender);
        sink.Tell("hello", ActorRefs.NoSender);

        var run = sys.Run();

        Assert.Equal(["a before go", "sink:hello", "a after go"], log);
        Assert.Equal(["- -> a go", "- -> sink hello", "a -> a resume take the lock"],
            run.Trace.Steps.Select(s => $"{s.From} -> {s.To} {s.Message}"));
    }

    [Fact]
    public void Under_random_schedules_another_actor_runs_between_the_yield_and_the_resumption_in_some_runs_only()
    {
        var orders = new HashSet<string>();
        for (var seed = 1; seed <= 40; seed++)
        {
            using var sys = Simulation.Create("yield", new SimulationOptions { Strategy = new RandomStrategy(seed) });
            var log = new List<string>();
            sys.ActorOf(Props.Create(() => new Yielder(log)), "a").Tell("go");
            sys.ActorOf(Props.Create(() => new Yielder(log)), "b").Tell("go");
            sys.Run();
            orders.Add(string.Join(",", log.Select(l => l.Replace(" go", string.Empty, StringComparison.Ordinal))));
        }

        Assert.Contains("a before,b before,a after,b after", orders);
        Assert.Contains("a before,a after,b before,b after", orders);
        Assert.DoesNotContain(orders, o => o.IndexOf("a after", StringComparison.Ordinal) < o.IndexOf("a before", StringComparison.Ordinal));
    }

    [Fact]
    public void A_yield_waits_for_nothing_so_a_run_of_yielders_is_quiescent_not_deadlocked()
    {
        using var sys = Simulation.Create("yield");
        var log = new List<string>();
        sys.ActorOf(Props.Create(() => new Yielder(log)), "a").Tell("go");

        var run = sys.Run();

        Assert.Equal(RunOutcome.Quiescent, run.Outcome);
        Assert.Equal(2, run.Steps);
    }
}
