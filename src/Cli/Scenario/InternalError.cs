// An exception inside the simulation is a bug in ModActors, never a scenario failure: it is reported as
// one — what failed, the strategy and seed, and the replay file that reproduces it — with exit code 3.
using ModActors.Runtime;
using ModActors.Scenarios;

namespace ModActors.Cli.Commands;

internal static class InternalError
{
    /// <summary>True when the run ended in an exception thrown by ModActors' own code (not a replay that diverged).</summary>
    public static bool Is(RunReport report) => report.Result is { Outcome: RunOutcome.Failure, Failure.Exception: not null };

    /// <summary>Prints the bug report to <paramref name="error"/> and returns exit code 3.</summary>
    public static int Report(RunReport report, string? replayFile, string scenarioPath, TextWriter error)
    {
        var f = report.Result.Failure!;
        error.WriteLine($"modactors: internal error (a bug in ModActors, not a scenario failure): {f.Error}");
        error.WriteLine($"  in {f.Actor} at step {f.Step} handling {f.Message} ({f.Strategy}, seed {f.Seed})");
        if (replayFile is not null)
            error.WriteLine($"  replay: modactors replay {scenarioPath} --schedule {replayFile}");
        error.WriteLine("  please report it with the scenario and the replay file");
        return ExitCodes.InternalError;
    }

    /// <summary>An exception that escaped a command: printed without a stack trace, exit code 3.</summary>
    public static int Report(Exception e, TextWriter error)
    {
        error.WriteLine($"modactors: internal error (a bug in ModActors): {e.GetType().Name}: {e.Message}");
        error.WriteLine("  please report it with the command line and its input files");
        return ExitCodes.InternalError;
    }
}
