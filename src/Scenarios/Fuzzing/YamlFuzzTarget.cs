// Runs a (mutated) scenario text the way `modactors lint` and `modactors run` would: ScenarioLoader.Load,
// then, when it is valid, one fifo run (its steps capped) rendered as the text and JSON reports. Errors
// with a position are a rejection; any exception, or a run that fails with one, is an internal error.
using ModActors.Runtime;

namespace ModActors.Scenarios.Fuzzing;

internal static class YamlFuzzTarget
{
    /// <summary>Loads and runs one text; never throws.</summary>
    public static FuzzOutcome Run(string text, string file, string baseDir, long maxSteps = 50_000)
    {
        try
        {
            var loaded = ScenarioLoader.Load(text, file, baseDir);
            if (loaded.Scenario is not { } sc)
                return loaded.Errors.All(e => e.Mark.Line > 0)
                    ? new FuzzOutcome(FuzzClass.Rejected, "invalid")
                    : new FuzzOutcome(FuzzClass.InternalError, "an error without a position: " + loaded.Errors[0]);
            var settings = new RunSettings(MaxSteps: Math.Min(maxSteps, sc.Explore.MaxSteps));
            var report = ScenarioRunner.Run(new ScenarioSetup(sc), settings);
            _ = TextReport.Run(sc, report, "fifo").ToList();
            _ = JsonReport.Write(sc, "run", report, "fifo", null, null, report.Passed);
            if (report.Result.Outcome == RunOutcome.Failure)
                return new FuzzOutcome(FuzzClass.InternalError, report.Result.Failure?.Error ?? "failure") { Stack = report.Result.Failure?.ToString() + "\n" + report.Result.Failure?.Exception };
            return new FuzzOutcome(FuzzClass.Accepted, report.Passed ? "pass" : "fail");
        }
        catch (Exception e)
        {
            return FuzzOutcome.Internal(e);
        }
    }
}
