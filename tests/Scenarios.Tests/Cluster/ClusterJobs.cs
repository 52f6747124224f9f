// Jobs the cluster tests run, and what one machine gives for the same seeds: a library scenario explored
// under pct, and a small stress workload with the planted refcount bug (some seeds violate, some do not).
using ModActors.Scenarios.Cluster;
using ModActors.Scenarios.Stress;
using ModActors.Scenarios.Tests.Scenario;

namespace ModActors.Scenarios.Tests.Cluster;

internal static class ClusterJobs
{
    public static string ScenarioPath { get; } = Path.Combine(ScenarioFiles.Library, "m_concurrent_deletes.yaml");

    public static ModActors.Scenarios.Scenario Scenario() => ScenarioLoader.LoadFile(ScenarioPath).Scenario!;

    public static ExploreSettings Pct(long runs, long seed = 1) => new("pct", runs, seed, 3, Scenario().Explore.MaxSteps, (0, 1), 1);

    public static ClusterJob Explore(ExploreSettings s) => ClusterSimulations.ExploreJob(Scenario(), File.ReadAllText(ScenarioPath), s);

    /// <summary>The outcome table one machine prints for these settings.</summary>
    public static IReadOnlyList<string> OneMachineTable(ExploreSettings s)
    {
        var sc = Scenario();
        return [.. TextReport.Explore(sc, ScenarioExplorer.Explore(new ScenarioSetup(sc), s))];
    }

    /// <summary>The outcome table of results gathered on a cluster.</summary>
    public static IReadOnlyList<string> ClusterTable(ExploreSettings s, ClusterJob job, SeedBatch results)
    {
        var sc = Scenario();
        return [.. TextReport.Explore(sc, ClusterSimulations.ExploreResult(new ScenarioSetup(sc), s, job, results))];
    }

    /// <summary>Seeds 3..10 of a small workload with the double put planted: seed 3 is clean, seed 4 the first to violate.</summary>
    public static StressOptions PlantedStress() => new()
    {
        Modules = 20,
        Tasks = 10,
        Ops = 100,
        Mix = StressMix.Parse("load=60,unload=39,get-put=1"),
        Seeds = 8,
        FirstSeed = 3,
        FailingInits = 0,
        Plant = PlantedBug.Refcount,
        Parallelism = 1,
    };

    /// <summary>A stress summary's text without its last line (wall time, CPU time, rate, memory).</summary>
    public static string WithoutTimings(string summary)
    {
        var lines = summary.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines[..^1]);
    }
}
