// `modactors stress [--modules N] [--tasks N] [--ops N] [--mix load=60,unload=30,get-put=10] [--seeds N]
// [--seed S] [--profile 6.12|6.3] [--strategy random|pct] [--json]`: generated concurrent workloads over the
// simulated kernel, every invariant checked on every step, seeds over all cores, a progress bar on a
// terminal (plain progress lines on stderr otherwise), and a summary. A seed that ends in a violation gets
// a replay file; `modactors stress --replay FILE` re-runs exactly that simulation. With --cluster HOST:PORT the
// seeds run on a cluster of workers (ClusterStress). Exit codes: 0 no violation, 1 a violation, 2 bad options or file.
using System.CommandLine;
using ModActors.Kernel;
using ModActors.Scenarios.Stress;
using Spectre.Console;

namespace ModActors.Cli.Commands;

internal static class StressCommand
{
    public static Command Create()
    {
        var defaults = new StressOptions();
        var modules = new Option<int?>("--modules") { Description = $"Modules in the generated dependency DAG (default {defaults.Modules})." };
        var tasks = new Option<int?>("--tasks") { Description = $"Concurrent tasks (default {defaults.Tasks})." };
        var ops = new Option<int?>("--ops") { Description = $"Operations per seed, spread over the tasks (default {defaults.Ops})." };
        var mix = new Option<string?>("--mix") { Description = $"Operation weights: load, init, unload, get-put (default {StressMix.Default})." };
        var seeds = new Option<int?>("--seeds") { Description = "Independent simulations, one per seed (default 1)." };
        var seed = new Option<long?>("--seed") { Description = "The first seed (default 1)." };
        var profile = new Option<string?>("--profile") { Description = "Kernel load path: 6.12 (default) or 6.3." };
        var strategy = new Option<string?>("--strategy") { Description = "Scheduling strategy per seed: random (default) or pct (pct costs time proportional to the number of actors on every step: keep --tasks small)." };
        var depth = new Option<int?>("--depth") { Description = "pct depth (default 3)." };
        var failingInits = new Option<int?>("--failing-inits") { Description = $"Percent of modules whose init fails with -ENODEV (default {defaults.FailingInits})." };
        var jobs = new Option<int?>("--jobs") { Description = "Simulations run at once (default: all cores); output does not depend on it." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var replayDir = new Option<string?>("--replay-dir") { Description = "Where replay files of violating seeds go (default: the current directory)." };
        var plant = new Option<string?>("--plant-bug") { Description = "For testing the checker: 'refcount' makes every holder put each reference twice." };
        var replay = new Option<string?>("--replay") { Description = "Re-run the seed recorded in a replay file under its schedule." };
        var cluster = ClusterCommandLine.ClusterOption();
        var stopOnFailure = ClusterCommandLine.StopOnFailureOption();
        var command = new Command("stress", "Run generated concurrent workloads over the simulated kernel, checking every invariant on every step.")
        {
            modules, tasks, ops, mix, seeds, seed, profile, strategy, depth, failingInits, jobs, json, replayDir, plant, replay, cluster, stopOnFailure,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(replay) is { } file)
                return Replay(file, parse.GetValue(json), output, error);
            StressOptions options;
            try
            {
                options = new StressOptions
                {
                    Modules = parse.GetValue(modules) ?? defaults.Modules,
                    Tasks = parse.GetValue(tasks) ?? defaults.Tasks,
                    Ops = parse.GetValue(ops) ?? defaults.Ops,
                    Mix = parse.GetValue(mix) is { } m ? StressMix.Parse(m) : StressMix.Default,
                    Seeds = parse.GetValue(seeds) ?? defaults.Seeds,
                    FirstSeed = parse.GetValue(seed) ?? defaults.FirstSeed,
                    Profile = parse.GetValue(profile) is { } p ? StressReplayFile.ParseProfile(p) : KernelProfile.Linux612,
                    Strategy = parse.GetValue(strategy) ?? defaults.Strategy,
                    Depth = parse.GetValue(depth) ?? defaults.Depth,
                    FailingInits = parse.GetValue(failingInits) ?? defaults.FailingInits,
                    Parallelism = parse.GetValue(jobs) ?? defaults.Parallelism,
                    Plant = parse.GetValue(plant) is { } b ? StressReplayFile.ParsePlant(b) : PlantedBug.None,
                };
                options.Validate();
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                error.WriteLine($"modactors stress: {e.Message}");
                return ExitCodes.Invalid;
            }
            var dir = parse.GetValue(replayDir) ?? ".";
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"modactors stress: --replay-dir {dir}: no such directory");
                return ExitCodes.Invalid;
            }
            if (parse.GetValue(cluster) is { } at)
            {
                if (parse.GetValue(jobs) is not null)
                {
                    error.WriteLine("modactors stress: --jobs does not go with --cluster (give each worker its --jobs)");
                    return ExitCodes.Invalid;
                }
                return ClusterStress.Run(options, at, parse.GetValue(stopOnFailure), dir, parse.GetValue(json), output, error);
            }
            if (parse.GetValue(stopOnFailure))
            {
                error.WriteLine("modactors stress: --stop-on-failure goes with --cluster");
                return ExitCodes.Invalid;
            }
            return Stress(options, dir, parse.GetValue(json), output);
        });
        return command;
    }

    private static int Stress(StressOptions options, string replayDir, bool json, TextWriter output)
    {
        var console = ReferenceEquals(output, Console.Out) && !json;
        var summary = console && !Console.IsOutputRedirected ? WithProgressBar(options)
            : console ? WithProgressLines(options, Console.Error)
            : StressRunner.Run(options);
        return Report(summary, replayDir, json, output);
    }

    /// <summary>Writes the violating seeds' replay files and prints the summary (text or JSON).</summary>
    public static int Report(StressSummary summary, string replayDir, bool json, TextWriter output)
    {
        var options = summary.Options;
        var files = new Dictionary<long, string>();
        foreach (var v in summary.Violations)
        {
            var path = Path.Combine(replayDir, $"stress-seed-{v.Seed}.json");
            StressReplayFile.Of(options, v).Save(path);
            files[v.Seed] = path;
        }
        output.Write(json ? summary.ToJson(files) : summary.ToText(files));
        return summary.Violations.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static StressSummary WithProgressBar(StressOptions options)
    {
        var progress = new StressProgress();
        StressSummary? summary = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var total = Math.Max(1L, (long)options.Ops * options.Seeds);
                var bar = ctx.AddTask($"{options.Seeds} seed(s) x {options.Ops} ops", maxValue: total);
                var run = Task.Run(() => StressRunner.Run(options, progress));
                while (!run.Wait(100))
                    bar.Value = progress.OpsDone;
                bar.Value = total;
                summary = run.GetAwaiter().GetResult();
            });
        return summary!;
    }

    /// Without a terminal: a plain line on stderr at every tenth of the operations.
    private static StressSummary WithProgressLines(StressOptions options, TextWriter error)
    {
        var progress = new StressProgress();
        var total = Math.Max(1L, (long)options.Ops * options.Seeds);
        var run = Task.Run(() => StressRunner.Run(options, progress));
        var shown = 0L;
        while (!run.Wait(250))
        {
            var tenth = progress.OpsDone * 10 / total;
            if (tenth > shown && tenth < 10)
            {
                shown = tenth;
                error.WriteLine($"stress: {tenth * 10}% ({progress.OpsDone} of {total} ops, {progress.SeedsDone} of {options.Seeds} seeds done)");
            }
        }
        return run.GetAwaiter().GetResult();
    }

    private static int Replay(string file, bool json, TextWriter output, TextWriter error)
    {
        StressReplayFile replay;
        try
        {
            replay = StressReplayFile.Load(file);
            replay.Options.Validate();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            error.WriteLine($"modactors stress: {e.Message}");
            return ExitCodes.Invalid;
        }
        var result = StressRunner.Replay(replay);
        var same = result.Violation == replay.Violation && result.Steps == replay.Step;
        if (json)
        {
            output.WriteLine(
                $"{{\"seed\": {replay.Seed}, \"outcome\": \"{result.Outcome}\", \"steps\": {result.Steps}, \"reproduced\": {(same ? "true" : "false")}, " +
                $"\"violation\": {System.Text.Json.JsonSerializer.Serialize(result.Violation)}}}");
        }
        else
        {
            output.WriteLine($"replaying seed {replay.Seed}: {replay.Options.Modules} modules, {replay.Options.Tasks} tasks, " +
                $"{replay.Options.Ops} ops, mix {replay.Options.Mix}, profile {replay.Options.ProfileName}");
            output.WriteLine($"outcome: {result.Outcome} after {result.Steps} steps");
            if (result.Violation is not null)
                output.WriteLine($"violation: {result.Violation}");
            output.WriteLine(same
                ? $"reproduced: the same violation at the same step ({replay.Step})"
                : $"NOT reproduced: the file recorded at step {replay.Step}: {replay.Violation}");
        }
        return result.Violation is null ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
