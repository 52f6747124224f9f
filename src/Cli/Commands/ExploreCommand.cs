// `modactors explore FILE.yaml [--strategy S] [--runs N] [--seed N] [--depth D] [--shard i/n] [--json]
// [--cluster HOST:PORT [--stop-on-failure]]`: explores the scenario's interleavings (settings from the file's
// `explore:`, overridden by flags), here or on a cluster of workers (ClusterExplore), and prints the outcome
// table; a failing run's schedule is written as a replay file and its seed printed.
using System.CommandLine;
using ModActors.Scenarios;

namespace ModActors.Cli.Commands;

internal static class ExploreCommand
{
    public static Command Create()
    {
        var file = ScenarioCommandLine.FileArgument();
        var strategy = ScenarioCommandLine.StrategyOption();
        var runs = ScenarioCommandLine.RunsOption();
        var seed = ScenarioCommandLine.SeedOption();
        var depth = ScenarioCommandLine.DepthOption();
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n (i/n, 0 <= i < n) of the seeds or dfs subtrees." };
        var json = ScenarioCommandLine.JsonOption();
        var scheduleOut = ScenarioCommandLine.ScheduleOutOption();
        var jobs = ScenarioCommandLine.JobsOption();
        var cluster = ClusterCommandLine.ClusterOption();
        var stopOnFailure = ClusterCommandLine.StopOnFailureOption();
        var command = new Command("explore", "Explore a scenario's interleavings and print the distinct outcomes.")
        {
            file, strategy, runs, seed, depth, shard, json, scheduleOut, jobs, cluster, stopOnFailure,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!ScenarioCommandLine.CheckOutputPath(parse.GetValue(scheduleOut), "--schedule-out", error))
                return ExitCodes.Invalid;
            if (ScenarioCommandLine.Load(parse.GetValue(file)!, error) is not { } sc)
                return ExitCodes.Invalid;
            if (ScenarioCommandLine.Settings(sc, parse, strategy, runs, seed, depth, jobs, parse.GetValue(shard), error) is not { } settings)
                return ExitCodes.Invalid;
            if (parse.GetValue(cluster) is { } at)
            {
                if (parse.GetValue(shard) is not null || parse.GetValue(jobs) is not null)
                {
                    error.WriteLine("modactors explore: --shard and --jobs do not go with --cluster (give each worker its --jobs)");
                    return ExitCodes.Invalid;
                }
                return ClusterExplore.Run(sc, settings, at, parse.GetValue(stopOnFailure), parse.GetValue(json), parse.GetValue(scheduleOut), output, error);
            }
            if (parse.GetValue(stopOnFailure))
            {
                error.WriteLine("modactors explore: --stop-on-failure goes with --cluster");
                return ExitCodes.Invalid;
            }
            return Explore(sc, settings, parse.GetValue(json), parse.GetValue(scheduleOut), output, error);
        });
        return command;
    }

    /// <summary>Explores; with <paramref name="showFirstRun"/> (run --runs N) the first seed's calls are printed before the table.</summary>
    public static int Explore(Scenario sc, ExploreSettings settings, bool json, string? scheduleOut, TextWriter output, TextWriter error,
        bool showFirstRun = false)
    {
        var setup = new ScenarioSetup(sc);
        if (settings.Strategy == "fifo")
            return RunCommand.Single(sc, setup, new RunSettings("fifo", 0, settings.Depth, settings.MaxSteps), json, scheduleOut, output, null, error);
        if (showFirstRun && !json)
        {
            var firstRun = settings.Strategy == "dfs"
                ? new RunSettings("fifo", 0, settings.Depth, settings.MaxSteps)
                : new RunSettings(settings.Strategy, settings.Seed, settings.Depth, settings.MaxSteps);
            var how = firstRun.Strategy == "fifo" ? "first dfs schedule" : $"{firstRun.Strategy} seed {firstRun.Seed}";
            ScenarioCommandLine.Print(output, TextReport.Run(sc, ScenarioRunner.Run(setup, firstRun), how));
            output.WriteLine();
        }
        return Report(sc, ScenarioExplorer.Explore(setup, settings), json, scheduleOut, output, error);
    }

    /// <summary>Prints an exploration's result (the outcome table, or JSON) and writes the first failing run's replay file.</summary>
    public static int Report(Scenario sc, ExploreResult result, bool json, string? scheduleOut, TextWriter output, TextWriter error)
    {
        var settings = result.Settings;
        string? replay = null;
        if (result.Report.FirstFailure is { Schedule: { } schedule } first)
            replay = ScenarioCommandLine.SaveSchedule(sc, schedule, scheduleOut, settings.Strategy == "dfs" ? first.Index : first.Seed);
        if (result.FirstFailure is { } failed && InternalError.Is(failed))
            return InternalError.Report(failed, replay, sc.SourcePath, error);
        var passed = result.Report.Failed == 0;
        if (json)
        {
            output.WriteLine(JsonReport.Write(sc, "explore", null, null, result, replay, passed));
        }
        else
        {
            OutcomeTable.Print(sc, result, output);
            if (replay is not null)
                output.WriteLine($"replay file: {replay} (modactors replay {sc.SourcePath} --schedule {replay})");
            output.WriteLine(passed ? "verdict: pass" : "verdict: FAIL");
        }
        if (!passed)
            error.WriteLine($"modactors explore: {result.Report.Failed} of {result.Report.Runs.Count} runs failed; replay file {replay}");
        return passed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
