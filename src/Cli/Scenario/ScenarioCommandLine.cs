// What the scenario subcommands (run, explore, replay, lint, the demo) share: loading a scenario with
// its errors printed as FILE:LINE:COL, the strategy and exploration options, printing a report as text
// or JSON, and writing the replay file of a failing run. Exit codes: 0 every expectation held, 1 one
// failed (with the seed and a replay file), 2 the scenario or the command line is invalid.
using System.CommandLine;
using ModActors.Runtime;
using ModActors.Scenarios;

namespace ModActors.Cli.Commands;

internal static class ScenarioCommandLine
{
    public static Argument<string> FileArgument() => new("FILE") { Description = "The scenario file (.yaml)." };

    public static Option<string?> StrategyOption() => new("--strategy")
    {
        Description = "The scheduling strategy: fifo, random, pct or dfs.",
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<string?>() is { } s && s is not ("fifo" or "random" or "pct" or "dfs"))
                    r.AddError($"--strategy '{s}' is not one of fifo, random, pct, dfs");
            },
        },
    };

    public static Option<long?> SeedOption() => new("--seed") { Description = "The (first) seed for random and pct." };

    public static Option<long?> RunsOption() => new("--runs") { Description = "How many runs (seeds, or dfs schedules) to explore." };

    public static Option<int?> DepthOption() => new("--depth") { Description = "The pct depth d." };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print the report as JSON (see docs/scenario-reference.md)." };

    public static Option<string?> ScheduleOutOption() => new("--schedule-out")
    {
        Description = "Where to write the schedule of the run (run) or of the first failing run (explore).",
    };

    public static Option<int?> JobsOption() => new("--jobs") { Description = "Simulations run at once (default: all cores); the output does not depend on it." };

    /// <summary>Loads the scenario; prints every error to <paramref name="error"/> and returns null when it is invalid.</summary>
    public static Scenario? Load(string path, TextWriter error)
    {
        var loaded = ScenarioLoader.LoadFile(path);
        foreach (var e in loaded.Errors)
            error.WriteLine(e.ToString());
        return loaded.Scenario;
    }

    public static void Print(TextWriter output, IEnumerable<string> lines)
    {
        foreach (var line in lines)
            output.WriteLine(line);
    }

    /// <summary>Writes the schedule; the path is the option's, or SCENARIO.seed-N.schedule.json in the current directory.</summary>
    public static string SaveSchedule(Scenario sc, Schedule schedule, string? path, long seed)
    {
        path ??= $"{Path.GetFileNameWithoutExtension(sc.SourcePath)}.seed-{seed}.schedule.json";
        try
        {
            schedule.Save(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"modactors: cannot write the schedule to {path}: {e.Message}");
            return $"(not written: {e.Message})";
        }
        return path;
    }

    /// <summary>
    /// Checks an output path before anything runs: not empty, not a directory, in a folder that exists. Prints the
    /// problem and returns false when it is unusable.
    /// </summary>
    public static bool CheckOutputPath(string? path, string option, TextWriter error)
    {
        if (path is null)
            return true;
        string? problem = null;
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
            problem = "is not a usable path";
        else if (Directory.Exists(path))
            problem = "is a directory; give a file name";
        else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir && !Directory.Exists(dir))
            problem = $"is in a folder that does not exist ({dir})";
        if (problem is null)
            return true;
        error.WriteLine($"modactors: {option} '{path}' {problem}");
        return false;
    }

    public static ExploreSettings? Settings(Scenario sc, ParseResult parse, Option<string?> strategy, Option<long?> runs, Option<long?> seed,
        Option<int?> depth, Option<int?> jobs, string? shard, TextWriter error)
    {
        var x = sc.Explore;
        (int, int) shardValue = (0, 1);
        if (shard is not null)
        {
            try
            {
                shardValue = ExploreOptions.ParseShard(shard);
            }
            catch (FormatException e)
            {
                error.WriteLine($"modactors: --shard: {e.Message}");
                return null;
            }
        }
        var s = new ExploreSettings(
            parse.GetValue(strategy) ?? x.Strategy,
            parse.GetValue(runs) ?? x.Runs,
            parse.GetValue(seed) ?? x.Seed,
            parse.GetValue(depth) ?? x.Depth,
            x.MaxSteps,
            shardValue,
            parse.GetValue(jobs) ?? 0);
        if (ExploreLimits.Check(s.Runs, s.Depth, s.Seed, s.MaxSteps, s.Parallelism) is { } problem)
        {
            error.WriteLine($"modactors: {problem}");
            return null;
        }
        return s;
    }
}
