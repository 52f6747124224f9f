// Explores a scenario's interleavings with the runtime's Explorer (seeds or dfs subtrees over all
// cores, results in seed order whatever the core count), every run judged by every expectation. The
// first failing run is replayed from its schedule to recover its messages and calls.
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal sealed record ExploreSettings(string Strategy, long Runs, long Seed, int Depth, long MaxSteps, (int Index, int Count) Shard, int Parallelism = 0);

internal sealed record ExploreResult(ExploreSettings Settings, ExploreReport Report, RunReport? FirstFailure);

internal static class ScenarioExplorer
{
    public static ExploreResult Explore(ScenarioSetup setup, ExploreSettings s)
    {
        var options = new ExploreOptions
        {
            Mode = s.Strategy switch
            {
                "random" => ExploreMode.Random,
                "dfs" => ExploreMode.Dfs,
                _ => ExploreMode.Pct,
            },
            Runs = s.Runs,
            MaxSchedules = s.Runs,
            FirstSeed = s.Seed,
            Depth = s.Depth,
            MaxSteps = s.MaxSteps,
            Shard = s.Shard,
            Parallelism = s.Parallelism > 0 ? s.Parallelism : Environment.ProcessorCount,
            Name = "scenario",
        };
        var report = Explorer.Run(options, system =>
        {
            var judge = setup.Build(system);
            return result => judge(result).Verdict;
        });
        var failure = report.FirstFailure?.Schedule is { } schedule ? ScenarioRunner.Replay(setup, schedule, s.MaxSteps) : null;
        return new ExploreResult(s, report, failure);
    }
}
