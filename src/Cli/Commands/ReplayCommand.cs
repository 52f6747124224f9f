// `modactors replay FILE.yaml --schedule RUN.json [--json] [--trace]`: reruns the scenario following a
// recorded schedule, step for step, and prints the run and its trace hash (equal to the recorded run's).
using System.CommandLine;
using ModActors.Elf;
using ModActors.Runtime;
using ModActors.Scenarios;

namespace ModActors.Cli.Commands;

internal static class ReplayCommand
{
    /// <summary>The largest schedule file read (a million-step schedule is about 4 MiB).</summary>
    private const long MaxScheduleBytes = 256L * 1024 * 1024;

    public static Command Create()
    {
        var file = ScenarioCommandLine.FileArgument();
        var schedule = new Option<string>("--schedule") { Description = "The schedule file written by run or explore.", Required = true };
        var json = ScenarioCommandLine.JsonOption();
        var trace = new Option<bool>("--trace") { Description = "Also print every step of the trace." };
        var command = new Command("replay", "Reproduce one run of a scenario from its schedule file.") { file, schedule, json, trace };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (ScenarioCommandLine.Load(parse.GetValue(file)!, error) is not { } sc)
                return ExitCodes.Invalid;
            var path = parse.GetValue(schedule)!;
            Schedule recorded;
            try
            {
                if (!RegularFile.TryReadAllText(path, MaxScheduleBytes, out var json, out var problem))
                {
                    error.WriteLine($"modactors replay: --schedule {path} {problem}");
                    return ExitCodes.Invalid;
                }
                recorded = Schedule.FromJson(json);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                error.WriteLine($"modactors replay: {path}: {e.Message}");
                return ExitCodes.Invalid;
            }
            var report = ScenarioRunner.Replay(new ScenarioSetup(sc), recorded, sc.Explore.MaxSteps);
            if (report.Result.Outcome == RunOutcome.Failure && report.Result.Failure?.ToString().Contains("replay diverged", StringComparison.Ordinal) == true)
            {
                error.WriteLine($"modactors replay: {path} does not fit this scenario: {report.Result.Failure}");
                return ExitCodes.Invalid;
            }
            if (InternalError.Is(report))
                return InternalError.Report(report, path, sc.SourcePath, error);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonReport.Write(sc, "replay", report, recorded.Strategy, null, null, report.Passed));
                return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
            }
            ScenarioCommandLine.Print(output, TextReport.Run(sc, report, $"replay of {recorded.Strategy} seed {recorded.Seed}"));
            output.WriteLine("trace hash: " + report.Result.Trace.Hash());
            if (parse.GetValue(trace))
                output.Write(report.Result.Trace.ToText());
            output.WriteLine(report.Passed ? "verdict: pass" : "verdict: FAIL");
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
