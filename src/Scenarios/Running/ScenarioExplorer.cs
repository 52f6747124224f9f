// Explores a scenario's interleavings with the runtime's Explorer (seeds or dfs subtrees over all
// cores, results in seed order whatever the core count), every run judged by every expectation. The
// first failing run is replayed from its schedule to recover its messages and calls.
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal sealed record ExploreSettings(string Strategy, long Runs, long Seed, int Depth, long MaxSteps, (int Index, int Count) Shard, int Parallelism = 0);

internal sealed record ExploreResult(ExploreSettings Settings, ExploreReport Report, RunReport? FirstFailure);

internal static class ScenarioExplorer
{
    public static ExploreResult Explore(ScenarioSetup setup, ExploreSettings s) => Finish(setup, s, Report(setup, s));

    /// <summary>The runtime's options for <paramref name="s"/>; pct's k is measured unless <paramref name="pctSteps"/> gives it.</summary>
    public static ExploreOptions Options(ExploreSettings s, long pctSteps = 0) => new()
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
        PctSteps = pctSteps,
        MaxSteps = s.MaxSteps,
        Shard = s.Shard,
        Parallelism = s.Parallelism > 0 ? s.Parallelism : Environment.ProcessorCount,
        Name = "scenario",
    };

    /// <summary>Runs the exploration, every run judged by every expectation.</summary>
    public static ExploreReport Report(ScenarioSetup setup, ExploreSettings s, long pctSteps = 0) =>
        Explorer.Run(Options(s, pctSteps), system =>
        {
            var judge = setup.Build(system);
            return result => judge(result).Verdict;
        });

    /// <summary>The result of <paramref name="report"/>, with its first failing run replayed from its schedule.</summary>
    public static ExploreResult Finish(ScenarioSetup setup, ExploreSettings s, ExploreReport report)
    {
        var failure = report.FirstFailure?.Schedule is { } schedule ? ScenarioRunner.Replay(setup, schedule, s.MaxSteps) : null;
        return new ExploreResult(s, report, failure);
    }
}
