// Dfs with partial-order reduction on kernel races: the same outcomes as every interleaving (where
// that space is small enough to enumerate) in far fewer schedules, every outcome random and pct find,
// library races exhausted; and the explore command's --preemptions, --no-reduction, --stop-on-failure
// and portfolio as a user runs them.
using ModActors.Runtime;
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class ReductionTests : IDisposable
{
    private const string LoadRacingReader = """
        name: a load racing a reader of /proc/modules
        modules:
          m:
            init: [ log: "init" ]
        tasks:
          a: [ finit_module: /lib/modules/m.ko ]
          b: [ read: /proc/modules ]
        """;

    private const string LoadRacingDelete = """
        name: a load racing a delete
        modules:
          m:
            init: [ log: "init" ]
        tasks:
          a: [ finit_module: /lib/modules/m.ko ]
          b: [ delete_module: m ]
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("scenario-por-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static ExploreResult Explore(string yaml, string strategy, long runs, bool reduction = true, int? preemptions = null) =>
        ScenarioExplorer.Explore(new ScenarioSetup(ScenarioFiles.Load(yaml)), new ExploreSettings(strategy, runs, 0, 3, 100_000, (0, 1))
        {
            Reduction = reduction,
            Preemptions = preemptions,
        });

    private static string[] Keys(ExploreResult x) => [.. x.Report.Outcomes.Select(o => o.Key).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_small_kernel_race_has_the_same_outcomes_with_and_without_reduction()
    {
        var full = Explore(LoadRacingReader, "dfs", 100_000, reduction: false);
        var reduced = Explore(LoadRacingReader, "dfs", 100_000);
        Assert.True(full.Report.Exhausted);
        Assert.True(reduced.Report.Exhausted);
        Assert.Equal(4, full.Report.Outcomes.Count);
        Assert.Equal(Keys(full), Keys(reduced));
        Assert.True(reduced.Report.RunCount * 10 < full.Report.RunCount, $"{reduced.Report.RunCount} reduced schedules against {full.Report.RunCount}");
    }

    [Fact]
    public void Reduction_finds_every_outcome_random_and_pct_find_on_a_load_racing_a_delete()
    {
        var reduced = Explore(LoadRacingDelete, "dfs", 100_000);
        Assert.True(reduced.Report.Exhausted);
        var sampled = Keys(Explore(LoadRacingDelete, "random", 1500)).Concat(Keys(Explore(LoadRacingDelete, "pct", 1500))).Distinct();
        Assert.Subset(Keys(reduced).ToHashSet(), sampled.ToHashSet());
        Assert.Equal(4, reduced.Report.Outcomes.Count);
        Assert.Contains(reduced.Report.Outcomes, o => o.Key.StartsWith("a.finit_module=0, b.delete_module=-EBUSY", StringComparison.Ordinal));
    }

    [Fact]
    public void A_preemption_bound_enumerates_fewer_schedules_and_says_when_its_space_is_exhausted()
    {
        var none = Explore(LoadRacingDelete, "dfs", 100_000, preemptions: 0);
        var one = Explore(LoadRacingDelete, "dfs", 100_000, preemptions: 1);
        Assert.True(none.Report.Exhausted);
        Assert.True(one.Report.Exhausted);
        Assert.True(none.Report.RunCount < one.Report.RunCount);
        Assert.True(none.Report.Outcomes.Count <= one.Report.Outcomes.Count);
        Assert.Equal("dfs with at most 1 preemptions", one.Report.Method);
    }

    [Fact]
    public void Explore_dfs_prints_that_the_space_was_exhausted_with_the_time()
    {
        var (code, text, _) = ScenarioFiles.Cli("explore", Path.Combine(ScenarioFiles.Library, "f_delete_while_coming.yaml"), "--strategy", "dfs", "--runs", "100000");
        Assert.Equal(0, code);
        Assert.Matches(@"explored dfs with partial-order reduction, \d+ schedules \(space exhausted\): 1 distinct outcomes, 0 failed runs\n  time [0-9.]+ s \(\d+ runs/s\)", text);
    }

    [Fact]
    public void Explore_with_preemptions_no_reduction_and_portfolio_run_from_the_command_line()
    {
        var file = Path.Combine(dir, "race.yaml");
        File.WriteAllText(file, LoadRacingDelete);
        var (code, text, _) = ScenarioFiles.Cli("explore", file, "--strategy", "dfs", "--preemptions", "1", "--runs", "100000");
        Assert.Equal(0, code);
        Assert.Contains("explored dfs with at most 1 preemptions, ", text, StringComparison.Ordinal);
        Assert.Contains("(space exhausted)", text, StringComparison.Ordinal);
        (code, text, _) = ScenarioFiles.Cli("explore", file, "--strategy", "dfs", "--no-reduction", "--runs", "50");
        Assert.Equal(0, code);
        Assert.Contains("explored dfs without reduction, 50 schedules (budget reached, space not exhausted)", text, StringComparison.Ordinal);
        (code, text, _) = ScenarioFiles.Cli("explore", file, "--strategy", "portfolio", "--runs", "60");
        Assert.Equal(0, code);
        Assert.Contains("explored portfolio (random, pct mixtures to depth 2, 3, 5", text, StringComparison.Ordinal);
        Assert.Contains(", 60 runs, seeds 0..59: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_on_failure_ends_at_the_first_failing_run_and_writes_its_replay_file()
    {
        var file = Path.Combine(dir, "failing.yaml");
        File.WriteAllText(file, LoadRacingDelete.Replace("b: [ delete_module: m ]", "b: [ delete_module: m, expect: -ENOENT ]", StringComparison.Ordinal));
        var replay = Path.Combine(dir, "first.json");
        var (code, text, _) = ScenarioFiles.Cli("explore", file, "--strategy", "dfs", "--stop-on-failure", "--schedule-out", replay);
        Assert.Equal(1, code);
        Assert.Contains("stopped at the first failure", text, StringComparison.Ordinal);
        Assert.Contains(" 1 failed runs", text, StringComparison.Ordinal);
        Assert.True(File.Exists(replay));
        (code, _, _) = ScenarioFiles.Cli("replay", file, "--schedule", replay);
        Assert.Equal(1, code);
    }

    [Theory]
    [InlineData("--preemptions", "-1", "--strategy", "dfs")]
    [InlineData("--preemptions", "2", "--strategy", "pct")]
    [InlineData("--no-reduction", "--strategy", "random")]
    [InlineData("--strategy", "dfs", "--shard", "0/2")]
    public void Search_options_that_do_not_fit_the_strategy_exit_2(params string[] flags)
    {
        var (code, _, err) = ScenarioFiles.Cli(["explore", Path.Combine(ScenarioFiles.Library, "f_delete_while_coming.yaml"), .. flags]);
        Assert.Equal(2, code);
        Assert.StartsWith("modactors: ", err, StringComparison.Ordinal);
    }
}
