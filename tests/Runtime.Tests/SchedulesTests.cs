// Running a program under many schedules: a property that holds under every schedule passes for all of
// them, and a failing schedule is named by its seed (or dfs index) and saved to a schedule file that
// replays the failure step for step.
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class SchedulesTests
{
    private static Func<RunResult, RunVerdict> WritersKeepW0First(Simulation sim)
    {
        var log = Races.Writers(sim, 2, 1);
        return result => result.Outcome != RunOutcome.Quiescent
            ? RunVerdict.FromOutcome(result)
            : log[0] == "w0" ? new RunVerdict("w0 wrote first", true) : new RunVerdict("w1 wrote first", false);
    }

    [Fact]
    public void A_property_that_holds_under_every_schedule_passes_for_all_of_them()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs }, sim =>
        {
            var log = Races.Writers(sim, 2, 1);
            return result => new RunVerdict("entries=" + log.Count, result.Outcome == RunOutcome.Quiescent && log.Count == 2);
        });
        Assert.True(report.Exhausted);
        Assert.Equal(0, report.Failed);
        Assert.Equal(4, report.Runs.Count);
        Assert.Equal(4, report.Runs.Select(r => string.Join(",", r.Schedule!.Choices)).Distinct().Count());
    }

    [Fact]
    public void A_failing_schedule_is_reported_with_its_seed_and_its_schedule_file_replays_it()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = 50, FirstSeed = 10 }, WritersKeepW0First);
        var failure = report.FirstFailure!;
        Assert.Equal("w1 wrote first", failure.Key);
        Assert.InRange(failure.Seed, 10, 59);
        Assert.Contains(report.ToLines(), l => l == $"  FAIL w1 wrote first: {report.Failed} runs, first seed {failure.Seed}");

        var path = Path.Combine(Path.GetTempPath(), $"modactors-schedule-{Guid.NewGuid():N}.json");
        try
        {
            failure.Schedule!.Save(path);
            var loaded = Schedule.Load(path);
            Assert.Equal("random", loaded.Strategy);
            Assert.Equal(failure.Seed, loaded.Seed);
            using var sim = Simulation.Create("replay", new SimulationOptions { Strategy = new ReplayStrategy(loaded) });
            var judge = WritersKeepW0First(sim);
            var replayed = sim.Run();
            Assert.Equal(new RunVerdict("w1 wrote first", false), judge(replayed));
            Assert.Equal(failure.Steps, replayed.Steps);

            using var seeded = Simulation.Create("seeded", new SimulationOptions { Strategy = new RandomStrategy(failure.Seed) });
            WritersKeepW0First(seeded);
            Assert.Equal(seeded.Run().Trace.ToText(), replayed.Trace.ToText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Dfs_finds_the_schedule_where_the_second_writer_goes_first()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs }, WritersKeepW0First);
        Assert.True(report.Exhausted);
        Assert.True(report.Failed > 0);
        Assert.True(report.Failed < report.Runs.Count);
        Assert.Contains(report.ToLines(), l => l.StartsWith("  FAIL w1 wrote first: ", StringComparison.Ordinal) && l.Contains("first schedule #", StringComparison.Ordinal));
        var (result, verdict) = Explorer.Rerun(report, report.FirstFailure!, WritersKeepW0First);
        Assert.Equal("w1 wrote first", verdict.Key);
        Assert.StartsWith("#1 t=0ms - -> w1 Go", result.Trace.Steps[0].ToString(), StringComparison.Ordinal);
    }
}
