// Explores a scenario's interleavings with the runtime's StreamingExplorer (random and pct seeds over all
// cores, pct as a mixture of depths; dfs with partial-order reduction, or bounded to K preemptions; the
// portfolio), every run judged by every expectation, outcomes counted without a record per run. The
// first failing run is replayed from its schedule to recover its messages and calls.
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
    public static ExploreResult Explore(ScenarioSetup setup, ExploreSettings s)
    {
        var options = new ExploreOptions
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
            MaxSteps = s.MaxSteps,
            Shard = s.Shard,
            Parallelism = s.Parallelism > 0 ? s.Parallelism : Environment.ProcessorCount,
            Name = "scenario",
            Preemptions = s.Preemptions,
            Reduction = s.Reduction,
            StopOnFailure = s.StopOnFailure,
        };
        var report = StreamingExplorer.Run(options, system =>
        {
            var judge = setup.Build(system);
            return result => judge(result).Verdict;
        });
        var failure = report.FirstFailure?.Schedule is { } schedule ? ScenarioRunner.Replay(setup, schedule, s.MaxSteps) : null;
        return new ExploreResult(s, report, failure);
    }
}
