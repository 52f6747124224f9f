// Exploration: the outcome table depends only on the scenario and the settings (same seed, same table,
// whatever the number of cores), every run is judged, and a failing run replays exactly from its schedule.
using ModActors.Runtime;
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class ExploreTests
{
    private static ScenarioSetup Library(string name) =>
        new(ScenarioFiles.Load(File.ReadAllText(Path.Combine(ScenarioFiles.Library, name))));

    private static ExploreSettings Pct(long runs, int parallelism = 0, long seed = 0) => new("pct", runs, seed, 3, 100_000, (0, 1), parallelism);

    [Fact]
    public void The_same_seed_gives_the_same_outcome_table()
    {
        var setup = Library("m_concurrent_deletes.yaml");
        var a = ScenarioExplorer.Explore(setup, Pct(150));
        var b = ScenarioExplorer.Explore(setup, Pct(150));
        var sc = setup.Scenario;
        Assert.Equal(TextReport.Explore(sc, a), TextReport.Explore(sc, b));
        Assert.Equal(2, a.Report.Outcomes.Count);
    }

    [Fact]
    public void One_core_and_four_cores_print_the_same_table()
    {
        var setup = Library("q_init_module_concurrent.yaml");
        var one = ScenarioExplorer.Explore(setup, Pct(120, parallelism: 1));
        var four = ScenarioExplorer.Explore(setup, Pct(120, parallelism: 4));
        Assert.Equal(TextReport.Explore(setup.Scenario, one), TextReport.Explore(setup.Scenario, four));
        Assert.Equal(4, one.Report.Outcomes.Count);
    }

    [Fact]
    public void Shards_together_cover_the_runs_of_the_whole_exploration()
    {
        var setup = Library("r_two_inodes_of_one_module.yaml");
        var whole = ScenarioExplorer.Explore(setup, Pct(100));
        var first = ScenarioExplorer.Explore(setup, Pct(100) with { Shard = (0, 2) });
        var second = ScenarioExplorer.Explore(setup, Pct(100) with { Shard = (1, 2) });
        Assert.Equal(whole.Report.Runs.Select(r => (r.Seed, r.Key)), first.Report.Runs.Concat(second.Report.Runs).Select(r => (r.Seed, r.Key)));
    }

    [Fact]
    public void A_failing_run_is_replayed_from_its_schedule_with_the_same_trace_as_its_seed()
    {
        var yaml = File.ReadAllText(Path.Combine(ScenarioFiles.Library, "m_concurrent_deletes.yaml"))
            .Replace("m2: [ sleep: 200ms, delete_module: slow, expect: { one_of: [0, -EBUSY] } ]", "m2: [ sleep: 200ms, delete_module: slow, expect: 0 ]", StringComparison.Ordinal);
        var setup = new ScenarioSetup(ScenarioFiles.Load(yaml));
        var x = ScenarioExplorer.Explore(setup, Pct(100));
        var failing = Assert.IsType<ExploredRun>(x.Report.FirstFailure);
        var replayed = Assert.IsType<RunReport>(x.FirstFailure);
        Assert.Contains("m2: delete_module slow returned -EBUSY, expected 0", Assert.Single(replayed.Failures), StringComparison.Ordinal);
        Assert.Equal(failing.Key, replayed.Key);
        var direct = ScenarioRunner.Run(setup, new RunSettings("pct", failing.Seed, 3));
        Assert.Equal(direct.Result.Trace.Hash(), replayed.Result.Trace.Hash());
        var again = ScenarioRunner.Replay(setup, Schedule.FromJson(failing.Schedule!.ToJson()), 100_000);
        Assert.Equal(direct.Result.Trace.ToText(), again.Result.Trace.ToText());
    }

    [Fact]
    public void Dfs_judges_each_schedule_up_to_its_budget()
    {
        var setup = Library("r_two_inodes_of_one_module.yaml");
        var x = ScenarioExplorer.Explore(setup, new ExploreSettings("dfs", 300, 0, 1, 100_000, (0, 1)));
        Assert.Equal(300, x.Report.Runs.Count);
        Assert.False(x.Report.Exhausted);
        Assert.Equal(0, x.Report.Failed);
    }
}
