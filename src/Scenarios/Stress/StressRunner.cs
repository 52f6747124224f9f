// `modactors stress`: runs every seed's simulation over all cores (Parallel.For across seeds, each
// simulation single-threaded) and aggregates the results in seed order, so the summary does not depend on
// the number of cores. Wall time and peak memory are measured around the whole run.
using System.Diagnostics;

namespace ModActors.Scenarios.Stress;

/// <summary>Runs stress workloads.</summary>
public static class StressRunner
{
    /// <summary>Runs the seeds of <paramref name="options"/>; throws <see cref="ArgumentException"/> for bad options.</summary>
    public static StressSummary Run(StressOptions options, StressProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var results = new StressSeedResult[options.Seeds];
        Parallel.For(0, options.Seeds, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(options.Parallelism, options.Seeds) },
            i => results[i] = StressSimulation.Run(options, options.FirstSeed + i, progress: progress));
        clock.Stop();
        using var self = Process.GetCurrentProcess();
        return new StressSummary(options, results, clock.Elapsed, self.TotalProcessorTime - cpuBefore, self.PeakWorkingSet64);
    }

    /// <summary>Re-runs one seed of <paramref name="replay"/> under its recorded schedule.</summary>
    public static StressSeedResult Replay(StressReplayFile replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        replay.Options.Validate();
        return StressSimulation.Run(replay.Options, replay.Seed, replay.Schedule);
    }
}
