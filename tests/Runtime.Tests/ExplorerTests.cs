// The explorer's report depends on the seeds, not on the cores; shards split the seed range.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class ExplorerTests
{
    private static Func<RunResult, RunVerdict> Writers(Simulation sys)
    {
        var log = Races.Writers(sys, 3, 2);
        return r => new RunVerdict(string.Join(",", log), log[0] == "w0");
    }

    [Fact]
    public void Random_exploration_reports_the_same_runs_on_one_core_as_on_many()
    {
        var one = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = 200, Parallelism = 1 }, Writers);
        var many = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = 200, Parallelism = 8 }, Writers);
        Assert.Equal(one.Runs.Select(r => (r.Seed, r.Key)), many.Runs.Select(r => (r.Seed, r.Key)));
        Assert.Equal(one.ToLines(), many.ToLines());
        Assert.True(one.Outcomes.Count > 5);
        Assert.Equal(200, one.Outcomes.Sum(o => o.Count));
    }

    [Fact]
    public void Shards_cover_the_seed_range_exactly_once()
    {
        var seeds = Enumerable.Range(0, 3)
            .SelectMany(i => Explorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = 10, FirstSeed = 100, Shard = (i, 3) }, Writers).Runs)
            .Select(r => r.Seed);
        Assert.Equal(Enumerable.Range(100, 10).Select(s => (long)s), seeds);
    }

    [Fact]
    public void A_failed_run_keeps_its_schedule_and_a_passed_random_run_only_its_seed()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = 50 }, Writers);
        Assert.NotNull(report.FirstFailure!.Schedule);
        Assert.All(report.Runs.Where(r => r.Passed), r => Assert.Null(r.Schedule));
    }

    [Fact]
    public void Rerunning_an_explored_run_reproduces_its_outcome_with_a_trace()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Runs = 40 }, Writers);
        foreach (var run in new[] { report.Runs[0], report.FirstFailure! })
        {
            var (result, verdict) = Explorer.Rerun(report, run, Writers);
            Assert.Equal(run.Key, verdict.Key);
            Assert.Equal(run.Steps, result.Trace.Steps.Count);
        }
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/8", 3, 8)]
    public void A_shard_is_parsed_from_i_slash_n(string text, int index, int count)
    {
        Assert.Equal((index, count), ExploreOptions.ParseShard(text));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1")]
    [InlineData("-1/2")]
    [InlineData("a/b")]
    public void A_malformed_shard_is_rejected(string text)
    {
        var error = Assert.Throws<FormatException>(() => ExploreOptions.ParseShard(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_race_shows_both_the_kept_and_the_lost_update()
    {
        var lines = Demo.Run(runs: 100, parallelism: 2);
        Assert.Equal(lines, Demo.Run(runs: 100, parallelism: 1));
        Assert.Contains(lines, l => l.Contains("pass counter=2 (both increments kept)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("FAIL counter=1 (lost update", StringComparison.Ordinal));
    }
}
