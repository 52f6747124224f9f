// Partial-order reduction (dfs with DporStrategy) is sound: on small races it finds exactly the outcomes
// plain dfs finds, in fewer schedules; the preemption-bounded dfs enumerates exactly the schedules
// within its bound; the streaming explorer stops at the first failure.
using Akka.Actor;
using ModActors.Runtime;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class PorTests
{
    private static (HashSet<string> Outcomes, long Schedules, bool Exhausted) Explore(ISchedulingStrategy strategy, Func<Simulation, Func<string>> program)
    {
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        long schedules = 0;
        while (true)
        {
            using (var sys = Simulation.Create("por", new SimulationOptions { Strategy = strategy, RecordTrace = false }))
            {
                var outcome = program(sys);
                var result = sys.Run();
                if (strategy is not DporStrategy { SleepBlocked: true })
                {
                    outcomes.Add(result.Outcome + ":" + outcome());
                    schedules++;
                }
            }

            var more = strategy switch
            {
                DporStrategy d => d.NextSchedule(),
                DfsStrategy d => d.NextSchedule(),
                BoundedDfsStrategy d => d.NextSchedule(),
                _ => false,
            };
            if (!more)
            {
                break;
            }
        }

        var exhausted = strategy switch
        {
            DporStrategy d => d.Exhausted,
            DfsStrategy d => d.Exhausted,
            BoundedDfsStrategy d => d.Exhausted,
            _ => false,
        };
        return (outcomes, schedules, exhausted);
    }

    private static void AssertSameOutcomes(Func<Simulation, Func<string>> program, int minOutcomes)
    {
        var full = Explore(new DfsStrategy(1_000_000), program);
        var reduced = Explore(new DporStrategy(1_000_000), program);
        Assert.True(full.Exhausted);
        Assert.True(reduced.Exhausted);
        Assert.True(full.Outcomes.Count >= minOutcomes, $"the race has only {full.Outcomes.Count} outcomes");
        Assert.Equal(full.Outcomes.Order(StringComparer.Ordinal), reduced.Outcomes.Order(StringComparer.Ordinal));
        Assert.True(reduced.Schedules <= full.Schedules, $"dpor ran {reduced.Schedules} schedules, dfs {full.Schedules}");
    }

    private static Func<string> Writers(Simulation sys, int writers, int each)
    {
        var log = Races.Writers(sys, writers, each);
        return () => string.Join(",", log);
    }

    [Fact]
    public void Writers_racing_to_one_sink_have_the_same_orders_with_and_without_reduction()
    {
        AssertSameOutcomes(s => Writers(s, 3, 2), 90);
        AssertSameOutcomes(s => Writers(s, 2, 3), 20);
    }

    [Fact]
    public void Independent_actors_are_not_reordered_one_schedule_covers_them()
    {
        Func<string> Program(Simulation sys)
        {
            var logs = new List<string>[3];
            for (var i = 0; i < 3; i++)
            {
                var log = logs[i] = [];
                var a = sys.ActorOf(Props.Create(() => new LogActor(log)), "a" + i);
                a.Tell(1);
                a.Tell(2);
                a.Tell(3);
            }

            return () => string.Join("|", logs.Select(l => string.Join(",", l)));
        }

        var full = Explore(new DfsStrategy(1_000_000), Program);
        var reduced = Explore(new DporStrategy(), Program);
        Assert.Equal(1680, full.Schedules);
        Assert.Equal(1, reduced.Schedules);
        Assert.True(reduced.Exhausted);
        Assert.Equal(full.Outcomes, reduced.Outcomes);
    }

    private sealed record Read;

    private sealed record Write;

    /// <summary>A non-atomic increment: one step reads the shared counter, a later step writes what it read plus one.</summary>
    private sealed class Incrementer : ReceiveActor
    {
        public Incrementer(int[] counter, string key, IActorRef? other)
        {
            var seen = 0;
            Receive<Read>(_ =>
            {
                Footprint.Read(key);
                seen = counter[0];
                Self.Tell(new Write());
            });
            Receive<Write>(_ =>
            {
                Footprint.Write(key);
                counter[0] = seen + 1;
                other?.Tell(new Read());
            });
        }
    }

    [Fact]
    public void Declared_shared_data_makes_steps_dependent_and_every_lost_update_is_found()
    {
        static Func<string> Program(Simulation sys)
        {
            var counter = new int[1];
            var unrelated = new int[1];
            var later = sys.ActorOf(Props.Create(() => new Incrementer(counter, "counter", null)), "later");
            for (var i = 0; i < 3; i++)
            {
                var inc = sys.ActorOf(Props.Create(() => new Incrementer(counter, "counter", i == 0 ? later : null)), "inc" + i);
                inc.Tell(new Read());
            }

            var other = sys.ActorOf(Props.Create(() => new Incrementer(unrelated, "unrelated", null)), "other");
            other.Tell(new Read());
            return () => counter[0] + "/" + unrelated[0];
        }

        AssertSameOutcomes(Program, 3);
    }

    /// <summary>Asks, answers and sleeps: the reply completes the asker's await in its own step.</summary>
    private sealed class Asker : ReceiveActor
    {
        public Asker(IActorRef peer, List<string> log, int sleepMs)
        {
            ReceiveAsync<Go>(async _ =>
            {
                await Context.Sleep(TimeSpan.FromMilliseconds(sleepMs));
                var pong = await Context.Ask<Pong>(peer, new Ping(sleepMs));
                log.Add(Self.Path.Name + ":" + pong.N);
            });
        }
    }

    [Fact]
    public void Asks_and_timers_keep_their_outcomes_under_reduction()
    {
        static Func<string> Program(Simulation sys)
        {
            var log = new List<string>();
            var echo = sys.ActorOf(Props.Create(() => new EchoActor()), "echo");
            for (var i = 0; i < 3; i++)
            {
                var ms = i == 2 ? 5 : 0;
                var a = sys.ActorOf(Props.Create(() => new Asker(echo, log, ms)), "asker" + i);
                a.Tell(new Go());
            }

            return () => string.Join(",", log);
        }

        AssertSameOutcomes(Program, 2);
    }

    private static Func<string> TwoLoggers(Simulation sys)
    {
        var logs = new[] { new List<string>(), new List<string>() };
        var order = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var a = sys.ActorOf(Props.Create(() => new LogActor(order)), "ab"[i].ToString());
            a.Tell(1);
            a.Tell(2);
        }

        return () => string.Join(" ", order);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 6)]
    public void Preemption_bounded_dfs_enumerates_exactly_the_schedules_with_at_most_k_preemptions(int k, int expected)
    {
        var bounded = Explore(new BoundedDfsStrategy(k), TwoLoggers);
        Assert.True(bounded.Exhausted);
        Assert.Equal(expected, bounded.Schedules);
        Assert.Equal(expected, bounded.Outcomes.Count);
        Assert.Contains("Quiescent:a:1 a:2 b:1 b:2", bounded.Outcomes);
        if (k == 0)
        {
            Assert.DoesNotContain("Quiescent:a:1 b:1 a:2 b:2", bounded.Outcomes);
        }
    }

    private static readonly string[] ReverseOrder = ["w2", "w1", "w0", "w2", "w1", "w0"];

    private static Func<RunResult, RunVerdict> PlantedBug(Simulation sys)
    {
        var log = Races.Writers(sys, 3, 2);
        sys.AddInvariant("not the reverse order", () => log.SequenceEqual(ReverseOrder) ? "sink saw w2 w1 w0 w2 w1 w0" : null);
        return RunVerdict.FromOutcome;
    }

    [Theory]
    [InlineData(ExploreMode.Dfs, null)]
    [InlineData(ExploreMode.Dfs, 4)]
    [InlineData(ExploreMode.Portfolio, null)]
    [InlineData(ExploreMode.Pct, null)]
    public void Streaming_explorer_stops_at_the_first_failure_when_asked(ExploreMode mode, int? preemptions)
    {
        var options = new ExploreOptions { Mode = mode, Preemptions = preemptions, Runs = 100_000, Depth = 6, StopOnFailure = true, Parallelism = 1 };
        var report = StreamingExplorer.Run(options, PlantedBug);
        Assert.True(report.StoppedAtFailure);
        Assert.Equal(1, report.Failed);
        Assert.Equal(report.RunCount - 1, report.FirstFailure!.Index);
        Assert.NotNull(report.FirstFailure.Schedule);
        Assert.Empty(report.Runs);
        Assert.Contains("stopped at the first failure", report.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_dfs_with_reduction_counts_outcomes_and_says_the_space_was_exhausted()
    {
        var report = StreamingExplorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs }, PlantedBug);
        var full = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs }, PlantedBug);
        Assert.True(report.Exhausted);
        Assert.Equal(full.Outcomes.Select(o => o.Key).Order(StringComparer.Ordinal), report.Outcomes.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.True(report.RunCount < full.Runs.Count);
        Assert.StartsWith("dfs with partial-order reduction, ", report.ToLines()[0], StringComparison.Ordinal);
        Assert.Contains("(space exhausted)", report.ToLines()[0], StringComparison.Ordinal);
    }
}
