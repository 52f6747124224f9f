// dfs enumerates every schedule of a small program, says when it has exhausted the space, and
// finds a bug that only one specific interleaving out of many triggers.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class DfsTests
{
    [Fact]
    public void Dfs_enumerates_the_six_interleavings_of_two_actors_with_two_steps_each_and_reports_exhaustion()
    {
        var dfs = new DfsStrategy();
        var orders = new List<string>();
        do
        {
            using var sys = Simulation.Create("dfs", new SimulationOptions { Strategy = dfs });
            var log = new List<string>();
            var a = sys.ActorOf(Props.Create(() => new LogActor(log)), "a");
            var b = sys.ActorOf(Props.Create(() => new LogActor(log)), "b");
            a.Tell(1);
            a.Tell(2);
            b.Tell(1);
            b.Tell(2);
            Assert.Equal(RunOutcome.Quiescent, sys.Run().Outcome);
            orders.Add(string.Join(" ", log));
        }
        while (dfs.NextSchedule());

        Assert.True(dfs.Exhausted);
        Assert.Equal(6, orders.Count);
        Assert.Equal(6, orders.Distinct().Count());
        Assert.Contains("b:1 b:2 a:1 a:2", orders);
    }

    [Fact]
    public void Dfs_stops_at_its_budget_and_says_the_space_was_not_exhausted()
    {
        var dfs = new DfsStrategy(maxSchedules: 4);
        var runs = 0;
        do
        {
            using var sys = Simulation.Create("dfs", new SimulationOptions { Strategy = dfs });
            Races.Writers(sys, 3, 2);
            sys.Run();
            runs++;
        }
        while (dfs.NextSchedule());

        Assert.Equal(4, runs);
        Assert.False(dfs.Exhausted);
    }

    private static readonly string[] ReverseOrder = ["w2", "w1", "w0", "w2", "w1", "w0"];

    private static Func<RunResult, RunVerdict> PlantedBug(Simulation sys)
    {
        var log = Races.Writers(sys, 3, 2);
        sys.AddInvariant("not the reverse order", () => log.SequenceEqual(ReverseOrder) ? "sink saw w2 w1 w0 w2 w1 w0" : null);
        return RunVerdict.FromOutcome;
    }

    [Fact]
    public void Dfs_finds_a_bug_that_needs_one_specific_interleaving_and_its_schedule_replays_it()
    {
        using (var fifo = Simulation.Create("fifo"))
        {
            PlantedBug(fifo);
            Assert.Equal(RunOutcome.Quiescent, fifo.Run().Outcome);
        }

        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs, Parallelism = 2 }, PlantedBug);
        Assert.True(report.Exhausted);
        Assert.True(report.Runs.Count > 1000, $"only {report.Runs.Count} schedules");
        var failures = report.Runs.Where(r => !r.Passed).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Equal(RunOutcome.InvariantViolation, f.Outcome));
        Assert.True(failures.Count * 50 < report.Runs.Count, $"{failures.Count} of {report.Runs.Count} schedules hit the bug");

        using var replay = Simulation.Create("replay", new SimulationOptions { Strategy = new ReplayStrategy(report.FirstFailure!.Schedule!) });
        PlantedBug(replay);
        var result = replay.Run();
        Assert.Equal(RunOutcome.InvariantViolation, result.Outcome);
        Assert.StartsWith("not the reverse order: sink saw w2 w1 w0 w2 w1 w0", result.Violation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dfs_explorer_gives_the_same_runs_on_one_core_as_on_many()
    {
        var one = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs, Parallelism = 1 }, PlantedBug);
        var many = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs, Parallelism = 4 }, PlantedBug);
        Assert.Equal(one.Runs.Select(r => string.Join(",", r.Schedule!.Choices)), many.Runs.Select(r => string.Join(",", r.Schedule!.Choices)));
        Assert.Equal(one.ToLines(), many.ToLines());
    }

    [Fact]
    public void The_dfs_explorer_enumerates_the_same_schedules_as_sequential_dfs()
    {
        var sequential = new List<string>();
        var dfs = new DfsStrategy();
        do
        {
            using var sys = Simulation.Create("seq", new SimulationOptions { Strategy = dfs });
            Races.Writers(sys, 2, 2);
            sequential.Add(string.Join(",", sys.Run().Schedule.Choices));
        }
        while (dfs.NextSchedule());

        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs }, sys =>
        {
            Races.Writers(sys, 2, 2);
            return RunVerdict.FromOutcome;
        });
        Assert.Equal(sequential, report.Runs.Select(r => string.Join(",", r.Schedule!.Choices)));
        Assert.True(report.Exhausted);
    }

    [Fact]
    public void The_dfs_report_says_when_runs_were_cut_at_the_step_bound()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs, MaxSteps = 5 }, sys =>
        {
            Races.Writers(sys, 2, 2);
            return RunVerdict.FromOutcome;
        });
        Assert.True(report.Exhausted);
        Assert.Equal(report.Runs.Count, report.StepLimited);
        Assert.Contains($"space exhausted; {report.Runs.Count} runs cut at 5 steps", report.ToLines()[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Dfs_shards_split_the_schedules_without_overlap()
    {
        Func<Simulation, Func<RunResult, RunVerdict>> setup = sys =>
        {
            Races.Writers(sys, 2, 2);
            return RunVerdict.FromOutcome;
        };
        var whole = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs }, setup);
        var parts = Enumerable.Range(0, 3)
            .SelectMany(i => Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs, Shard = (i, 3) }, setup).Runs)
            .Select(r => string.Join(",", r.Schedule!.Choices))
            .Order(StringComparer.Ordinal);
        Assert.Equal(whole.Runs.Select(r => string.Join(",", r.Schedule!.Choices)).Order(StringComparer.Ordinal), parts);
    }
}
