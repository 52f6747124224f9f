// `modactors stress ... --cluster HOST:PORT [--stop-on-failure]`: the stress seeds run on the cluster's
// workers, the results come back in seed order and are summarised by the same code as a single-machine
// run, so the summary is the one `modactors stress` prints except its timings (wall time here; CPU time
// summed over the workers; the largest worker's peak memory).
using System.Diagnostics;
using ModActors.Scenarios.Cluster;
using ModActors.Scenarios.Stress;

namespace ModActors.Cli.Commands;

internal static class ClusterStress
{
    public static int Run(StressOptions options, string address, bool stopOnFailure, string replayDir, bool json, TextWriter output, TextWriter error)
    {
        var job = ClusterSimulations.StressJob(options);
        var clock = Stopwatch.StartNew();
        var console = ReferenceEquals(output, Console.Out) && !json;
        if (ClusterCommandLine.RunJob("stress", address, job, stopOnFailure, console, error) is not { } finished)
            return ExitCodes.Invalid;
        var summary = ClusterSimulations.StressSummary(options, finished.Results, clock.Elapsed);
        var code = StressCommand.Report(summary, replayDir, json, output);
        if (finished.Stopped && summary.Violations is [var first, ..])
        {
            error.WriteLine($"modactors stress: stopped every worker at the first failing seed {first.Seed}; " +
                $"replay: {StressSummary.ReplayCommand(Path.Combine(replayDir, $"stress-seed-{first.Seed}.json"))}");
        }
        return code;
    }
}
