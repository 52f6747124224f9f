// Explores a scenario's interleavings with the runtime's StreamingExplorer (random and pct seeds over all
// cores, pct as a mixture of depths; dfs with partial-order reduction, or bounded to K preemptions; the
// portfolio), every run judged by every expectation, outcomes counted without a record per run; or, split
// into Options/Report/Finish, by the cluster's workers over seed ranges. The first failing run is replayed
// from its schedule to recover its messages and calls.
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal sealed record ExploreSettings(string Strategy, long Runs, long Seed, int Depth, long MaxSteps, (int Index, int Count) Shard, int Parallelism = 0)
{
    /// <summary>Dfs: enumerate only schedules with at most this many preemptions.</summary>
    public int? Preemptions { get; init; }

    /// <summary>Dfs: partial-order reduction (off: every interleaving).</summary>
    public bool Reduction { get; init; } = true;

    /// <summary>Stop at the first failing run.</summary>
    public bool StopOnFailure { get; init; }
}

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
            "portfolio" => ExploreMode.Portfolio,
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
        Preemptions = s.Preemptions,
        Reduction = s.Reduction,
        StopOnFailure = s.StopOnFailure,
    };

    /// <summary>Runs the exploration, every run judged by every expectation.</summary>
    public static ExploreReport Report(ScenarioSetup setup, ExploreSettings s, long pctSteps = 0) =>
        StreamingExplorer.Run(Options(s, pctSteps), system =>
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
