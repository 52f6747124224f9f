// The one place the cluster touches the simulations: it turns an exploration's settings or a stress run's
// options into a job, runs a range of a job's seeds through the single-machine entry points
// (ScenarioExplorer.Report over the runtime's Explorer, StressRunner.Run), and turns the results gathered
// in seed order back into the ExploreResult and StressSummary the single-machine commands print, with
// the same aggregation code (ExploreReport.FromRuns, StressSummary). When those entry points change,
// only this file follows.
using System.Diagnostics;
using ModActors.Runtime;
using ModActors.Scenarios.Stress;

namespace ModActors.Scenarios.Cluster;

internal static class ClusterSimulations
{
    /// <summary>The job of exploring <paramref name="sc"/> (random or pct) under <paramref name="s"/>; measures pct's k once here.</summary>
    public static ClusterJob ExploreJob(Scenario sc, string text, ExploreSettings s)
    {
        if (s.Strategy is not ("random" or "pct"))
            throw new ArgumentException($"--cluster explores random or pct seeds, not {s.Strategy} (use --shard i/n to split dfs)");
        var k = s.Strategy == "pct" ? ScenarioRunner.PctSteps(new ScenarioSetup(sc), s.MaxSteps) : 0;
        return new ClusterJob(s.Seed, s.Runs, new ExploreJobSpec(sc.SourcePath, text, s.Strategy, s.Depth, s.MaxSteps, k), null);
    }

    /// <summary>The job of running the seeds of stress options <paramref name="o"/>.</summary>
    public static ClusterJob StressJob(StressOptions o) =>
        new(o.FirstSeed, o.Seeds, null, new StressJobSpec(o.Modules, o.Tasks, o.Ops, o.Mix.ToString(), o.ProfileName, o.Strategy, o.Depth,
            o.FailingInits, o.Plant.ToString().ToLowerInvariant()));

    /// <summary>
    /// A worker's runner for <paramref name="job"/>: runs seeds [from, to) with <c>slots</c> simulations at once. Loads the
    /// scenario once; throws <see cref="FormatException"/> when it does not load here.
    /// </summary>
    public static Func<long, long, int, SeedBatch> Open(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Explore is { } x)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(x.ScenarioPath)) ?? ".";
            var loaded = ScenarioLoader.Load(x.ScenarioText, x.ScenarioPath, dir);
            if (loaded.Scenario is not { } sc)
                throw new FormatException(string.Join("\n", loaded.Errors.Select(e => e.ToString())));
            var setup = new ScenarioSetup(sc);
            return (from, to, slots) => Measured(() => ExploreRange(setup, job, x, from, to, slots));
        }
        var options = Options(job);
        options.Validate();
        return (from, to, slots) => StressRange(options, job, from, to, slots);
    }

    /// <summary>The stress options of a stress job, for all its seeds.</summary>
    public static StressOptions Options(ClusterJob job)
    {
        var s = job.Stress ?? throw new ArgumentException("not a stress job", nameof(job));
        return new StressOptions
        {
            Modules = s.Modules,
            Tasks = s.Tasks,
            Ops = s.Ops,
            Mix = StressMix.Parse(s.Mix),
            Seeds = (int)job.Seeds,
            FirstSeed = job.FirstSeed,
            Profile = StressReplayFile.ParseProfile(s.Profile),
            Strategy = s.Strategy,
            Depth = s.Depth,
            FailingInits = s.FailingInits,
            Plant = StressReplayFile.ParsePlant(s.Plant),
        };
    }

    /// <summary>Whether a seed's result is a failure (a failed expectation, or a stress violation).</summary>
    public static bool Failed(ExploreSeed s) => !s.Passed;

    /// <inheritdoc cref="Failed(ExploreSeed)"/>
    public static bool Failed(StressSeed s) => s.Violation is not null;

    /// <summary>The exploration's result over the seeds in <paramref name="results"/> (seed order, from the first seed).</summary>
    public static ExploreResult ExploreResult(ScenarioSetup setup, ExploreSettings s, ClusterJob job, SeedBatch results)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(results);
        var settings = s with { Runs = results.Explore.Length };
        var runs = results.Explore.Select(r => new ExploredRun(r.Index, r.Seed, r.Key, r.Passed, r.Outcome, r.Steps,
            r.Schedule is null ? null : Schedule.FromJson(r.Schedule), r.Detail)).ToList();
        var report = ExploreReport.FromRuns(ScenarioExplorer.Options(settings), runs, job.Explore!.PctSteps);
        return ScenarioExplorer.Finish(setup, settings, report);
    }

    /// <summary>The stress summary over the seeds in <paramref name="results"/>: CPU time summed over workers, peak memory the largest.</summary>
    public static StressSummary StressSummary(StressOptions o, SeedBatch results, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(results);
        var seeds = results.Stress.Select(r =>
        {
            var counts = new StressCounts();
            foreach (var c in r.Counts)
                counts.Add(c.Call, c.Rc, c.Count);
            return new StressSeedResult(r.Seed, counts, r.Outcome, r.Steps, TimeSpan.FromTicks(r.VirtualTicks), r.Violation,
                r.Schedule is null ? null : Schedule.FromJson(r.Schedule), r.DuplicateLoads, r.WastedBytes, r.ModulesLeft);
        }).ToList();
        return new StressSummary(o with { Seeds = seeds.Count }, seeds, wall, TimeSpan.FromSeconds(results.CpuSeconds), results.PeakMemoryBytes);
    }

    private static SeedBatch ExploreRange(ScenarioSetup setup, ClusterJob job, ExploreJobSpec x, long from, long to, int slots)
    {
        var settings = new ExploreSettings(x.Strategy, to - from, job.FirstSeed + from, x.Depth, x.MaxSteps, (0, 1), slots);
        var report = ScenarioExplorer.Report(setup, settings, x.PctSteps);
        var runs = report.Runs.Select(r => new ExploreSeed(from + r.Index, r.Seed, r.Key, r.Passed, r.Outcome, r.Steps,
            r.Schedule?.ToJson(), r.Detail)).ToArray();
        return new SeedBatch(runs, [], 0, 0);
    }

    private static SeedBatch StressRange(StressOptions o, ClusterJob job, long from, long to, int slots)
    {
        var summary = StressRunner.Run(o with { FirstSeed = job.FirstSeed + from, Seeds = (int)(to - from), Parallelism = slots });
        var seeds = summary.Seeds.Select(r => new StressSeed(r.Seed - job.FirstSeed, r.Seed, r.Outcome, r.Steps, r.VirtualTime.Ticks, r.Violation,
            r.Schedule?.ToJson(), r.DuplicateLoadFailures, r.WastedBytes, r.ModulesLeft,
            [.. r.Counts.All().Select(c => new StressCount(c.Call, c.Rc, c.Count))])).ToArray();
        return new SeedBatch([], seeds, summary.CpuTime.TotalSeconds, summary.PeakMemoryBytes);
    }

    private static SeedBatch Measured(Func<SeedBatch> run)
    {
        using var self = Process.GetCurrentProcess();
        var before = self.TotalProcessorTime;
        var batch = run();
        self.Refresh();
        return batch with { CpuSeconds = (self.TotalProcessorTime - before).TotalSeconds, PeakMemoryBytes = self.PeakWorkingSet64 };
    }
}
