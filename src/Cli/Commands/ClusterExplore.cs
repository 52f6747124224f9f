// `modactors explore FILE --cluster HOST:PORT [--stop-on-failure]`: the scenario's random or pct seeds run on
// the cluster's workers, the results come back in seed order and are printed by the same code as a
// single-machine exploration, so the outcome table is byte for byte the one `modactors explore` prints.
using ModActors.Scenarios;
using ModActors.Scenarios.Cluster;

namespace ModActors.Cli.Commands;

internal static class ClusterExplore
{
    public static int Run(Scenario sc, ExploreSettings settings, string address, bool stopOnFailure, bool json, string? scheduleOut,
        TextWriter output, TextWriter error)
    {
        ClusterJob job;
        try
        {
            job = ClusterSimulations.ExploreJob(sc, File.ReadAllText(sc.SourcePath), settings);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            error.WriteLine($"modactors explore: {e.Message}");
            return ExitCodes.Invalid;
        }
        var console = ReferenceEquals(output, Console.Out) && !json;
        if (ClusterCommandLine.RunJob("explore", address, job, stopOnFailure, console, error) is not { } finished)
            return ExitCodes.Invalid;
        var result = ClusterSimulations.ExploreResult(new ScenarioSetup(sc), settings, job, finished.Results);
        var code = ExploreCommand.Report(sc, result, json, scheduleOut, output, error);
        if (finished.Stopped && result.Report.FirstFailure is { } first)
        {
            var replay = scheduleOut ?? $"{Path.GetFileNameWithoutExtension(sc.SourcePath)}.seed-{first.Seed}.schedule.json";
            error.WriteLine($"modactors explore: stopped every worker at the first failing seed {first.Seed}; " +
                $"replay: modactors replay {sc.SourcePath} --schedule {replay}");
        }
        return code;
    }
}
