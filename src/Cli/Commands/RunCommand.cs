// `modactors run FILE.yaml [--seed N] [--strategy fifo|random|pct|dfs] [--runs N] [--depth D] [--json]
// [--schedule-out F] [--diagram out.html|out.mmd] [--otel tree|console|otlp ... [--otlp-endpoint URL]]`: one run (fifo
// unless told otherwise) printing each call's result and the final /proc/modules, optionally drawn as a race
// diagram and exported as OpenTelemetry; with --runs N > 1 it explores N runs and adds the outcome table.
using System.CommandLine;
using ModActors.Scenarios;
using ModActors.Scenarios.Telemetry;

namespace ModActors.Cli.Commands;

internal static class RunCommand
{
    public static Command Create()
    {
        var file = ScenarioCommandLine.FileArgument();
        var strategy = ScenarioCommandLine.StrategyOption();
        var runs = ScenarioCommandLine.RunsOption();
        var seed = ScenarioCommandLine.SeedOption();
        var depth = ScenarioCommandLine.DepthOption();
        var json = ScenarioCommandLine.JsonOption();
        var scheduleOut = ScenarioCommandLine.ScheduleOutOption();
        var jobs = ScenarioCommandLine.JobsOption();
        var diagram = RunExtras.DiagramOption();
        var otel = RunExtras.OtelOption();
        var otlpEndpoint = RunExtras.OtlpEndpointOption();
        var command = new Command("run", "Run a scenario and check its expectations.")
        {
            file, strategy, runs, seed, depth, json, scheduleOut, jobs, diagram, otel, otlpEndpoint,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (RunExtras.Parse(parse.GetValue(diagram), parse.GetValue(otel), parse.GetValue(otlpEndpoint), error) is not { } extras)
                return ExitCodes.Invalid;
            if (!ScenarioCommandLine.CheckOutputPath(parse.GetValue(scheduleOut), "--schedule-out", error))
                return ExitCodes.Invalid;
            if (ScenarioCommandLine.Load(parse.GetValue(file)!, error) is not { } sc)
                return ExitCodes.Invalid;
            var n = parse.GetValue(runs) ?? 1;
            var chosen = parse.GetValue(strategy);
            if (n > 1 || chosen == "dfs")
            {
                if (extras.DiagramPath is not null || extras.Otel != OtelMode.None)
                {
                    error.WriteLine("modactors run: --diagram and --otel show one run; drop --runs, or pick the run with --seed");
                    return ExitCodes.Invalid;
                }
                if (chosen == "fifo")
                {
                    error.WriteLine("modactors run: fifo has a single schedule; use --strategy random, pct or dfs with --runs");
                    return ExitCodes.Invalid;
                }
                if (ScenarioCommandLine.Settings(sc, parse, strategy, runs, seed, depth, jobs, null, error) is not { } settings)
                    return ExitCodes.Invalid;
                settings = settings with { Strategy = chosen ?? (sc.Explore.Strategy == "fifo" ? "pct" : sc.Explore.Strategy), Runs = n };
                return ExploreCommand.Explore(sc, settings, parse.GetValue(json), parse.GetValue(scheduleOut), output, error, showFirstRun: true);
            }
            var single = new RunSettings(chosen ?? "fifo", parse.GetValue(seed) ?? sc.Explore.Seed, parse.GetValue(depth) ?? sc.Explore.Depth, sc.Explore.MaxSteps);
            if (ExploreLimits.Check(n, single.Depth, single.Seed, single.MaxSteps, 0) is { } problem)
            {
                error.WriteLine($"modactors run: {problem}");
                return ExitCodes.Invalid;
            }
            return Single(sc, new ScenarioSetup(sc), single, parse.GetValue(json), parse.GetValue(scheduleOut), output, extras, error);
        });
        return command;
    }

    public static int Single(Scenario sc, ScenarioSetup setup, RunSettings settings, bool json, string? scheduleOut, TextWriter output,
        RunExtras? extras = null, TextWriter? error = null)
    {
        RunReport report;
        using (extras?.StartTelemetry(output, error ?? Console.Error))
            report = ScenarioRunner.Run(setup, settings);
        if (extras is not null && !extras.WriteDiagram(sc, settings, report, error ?? Console.Error))
            return ExitCodes.Invalid;
        string? replay = null;
        if (scheduleOut is not null || !report.Passed)
            replay = ScenarioCommandLine.SaveSchedule(sc, report.Result.Schedule, scheduleOut, settings.Seed);
        if (InternalError.Is(report))
            return InternalError.Report(report, replay, sc.SourcePath, error ?? Console.Error);
        if (json)
        {
            output.WriteLine(JsonReport.Write(sc, "run", report, settings.Strategy, null, replay, report.Passed));
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        }
        var how = settings.Strategy == "fifo" ? "fifo" : $"{settings.Strategy} seed {settings.Seed}";
        ScenarioCommandLine.Print(output, TextReport.Run(sc, report, how));
        if (replay is not null)
            output.WriteLine($"schedule: {replay} (modactors replay {sc.SourcePath} --schedule {replay})");
        output.WriteLine(report.Passed ? "verdict: pass" : $"verdict: FAIL ({how})");
        return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
