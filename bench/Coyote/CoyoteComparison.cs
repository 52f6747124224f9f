// `dotnet run -c Release --project bench -- coyote [--seeds N] [--budget N] [--rate-runs N] [--only TEXT]`
// (--only keeps the rows whose name contains one of TEXT's comma-separated parts): runs the
// planted race (PlantedRace) on Microsoft Coyote 1.7.11's TestingEngine (telemetry off) and on ModActors in
// one process, one core each, one after the other: complete schedules/s on the bug-free race, then for
// the bugs of depth 1, 2 and 3 the schedules and seconds to the first find — the median over N seeds for
// the randomised strategies, the one number for the deterministic searches (ours: dfs with partial-order
// reduction, dfs bounded to 0, 1, 2, ... preemptions tried in turn). Prints a Markdown table.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Coyote;
using Microsoft.Coyote.Actors;
using Microsoft.Coyote.SystematicTesting;
using ModActors.Runtime;

namespace ModActors.Bench.Coyote;

internal static class CoyoteComparison
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var seeds = Arg(args, "--seeds", 20);
        var budget = Arg(args, "--budget", 20_000);
        var rateRuns = Arg(args, "--rate-runs", 2_000);
        var only = (Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : "").Split(',');
        Console.WriteLine($"# Coyote 1.7.11 vs ModActors on the planted race (3 actors, 28 steps); {seeds} seeds, budget {budget} schedules, one core each");
        Console.WriteLine();
        var coyoteRate = CoyoteRate(rateRuns);
        var oursRate = OursRate(rateRuns * 50, parallelism: 1);
        var oursAllCores = OursRate(rateRuns * 50, parallelism: Environment.ProcessorCount);
        Console.WriteLine("| runtime | complete schedules/s (bug-free race, random) |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(Inv, $"| Coyote 1.7.11 TestingEngine, one core | {coyoteRate:0} |"));
        Console.WriteLine(string.Create(Inv, $"| ModActors StreamingExplorer, one core | {oursRate:0} ({oursRate / coyoteRate:0}x) |"));
        Console.WriteLine(string.Create(Inv, $"| ModActors StreamingExplorer, all {Environment.ProcessorCount} cores | {oursAllCores:0} ({oursAllCores / coyoteRate:0}x) |"));
        Console.WriteLine();
        Console.WriteLine("| strategy | depth 1: schedules | s | depth 2: schedules | s | depth 3: schedules | s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var ours = new (string Name, bool Seeded, Func<long, ExploreOptions> Options)[]
        {
            ("ours random", true, seed => new ExploreOptions { Mode = ExploreMode.Random, FirstSeed = seed * 1_000_003 }),
            ("ours pct mixture d=3 (default)", true, seed => new ExploreOptions { Mode = ExploreMode.Pct, Depth = 3, FirstSeed = seed * 1_000_003 }),
            ("ours portfolio", true, seed => new ExploreOptions { Mode = ExploreMode.Portfolio, FirstSeed = seed * 1_000_003 }),
            ("ours dfs with partial-order reduction", false, _ => new ExploreOptions { Mode = ExploreMode.Dfs }),
        };
        foreach (var (name, seeded, options) in ours.Where(o => Array.Exists(only, part => o.Name.Contains(part, StringComparison.Ordinal))))
        {
            Row(name, depth => Median(seeded ? seeds : 1, seed => OursFind(options(seed), depth, budget)));
        }

        if (Array.Exists(only, part => "ours dfs, preemption bound 0, 1, 2, ... in turn".Contains(part, StringComparison.Ordinal)))
        {
            Row("ours dfs, preemption bound 0, 1, 2, ... in turn", depth => Median(1, _ => OursIterativeBound(depth, budget)));
        }

        var coyote = new (string Name, Func<Configuration, Configuration> With)[]
        {
            ("Coyote default", c => c),
            ("Coyote random", c => c.WithRandomStrategy()),
            ("Coyote probabilistic", c => c.WithProbabilisticStrategy()),
            ("Coyote pct (prioritization, 2 change points)", c => c.WithPrioritizationStrategy(false, 2)),
            ("Coyote pct (prioritization, 10 change points)", c => c.WithPrioritizationStrategy(false, 10)),
            ("Coyote fair pct (10)", c => c.WithPrioritizationStrategy(true, 10)),
        };
        foreach (var (name, with) in coyote.Where(c => Array.Exists(only, part => c.Name.Contains(part, StringComparison.Ordinal))))
        {
            Row(name, depth => Median(seeds, seed => CoyoteFind(with, depth, (uint)(seed + 1), budget)));
        }

        return 0;
    }

    private static void Row(string name, Func<int, (double Schedules, double Seconds, int Missed)> find)
    {
        var cells = new List<string>();
        for (var depth = 1; depth <= 3; depth++)
        {
            var (schedules, seconds, missed) = find(depth);
            cells.Add(missed > 0 && double.IsNaN(schedules) ? "not found" : string.Create(Inv, $"{schedules:0}{(missed > 0 ? $" ({missed} missed)" : "")}"));
            cells.Add(double.IsNaN(seconds) ? "-" : string.Create(Inv, $"{seconds:0.000}"));
        }

        Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
    }

    private static (double Schedules, double Seconds, int Missed) Median(int seeds, Func<int, (long Schedules, double Seconds)?> one)
    {
        var found = new List<(long Schedules, double Seconds)>();
        var missed = 0;
        for (var seed = 0; seed < seeds; seed++)
        {
            if (one(seed) is { } f)
            {
                found.Add(f);
            }
            else
            {
                missed++;
            }
        }

        if (found.Count * 2 <= seeds)
        {
            return (double.NaN, double.NaN, missed);
        }

        // Misses count as worse than every find: the median is taken over all seeds.
        var schedules = found.Select(f => (double)f.Schedules).Concat(Enumerable.Repeat(double.MaxValue, missed)).Order().ToList();
        var seconds = found.Select(f => f.Seconds).Concat(Enumerable.Repeat(double.MaxValue, missed)).Order().ToList();
        return (schedules[seeds / 2], seconds[seeds / 2], missed);
    }

    private static Configuration Config(Func<Configuration, Configuration> with, uint seed, int iterations) =>
        with(Configuration.Create()
            .WithTestingIterations((uint)iterations)
            .WithRandomGeneratorSeed(seed)
            .WithTelemetryEnabled(false)
            .WithConsoleLoggingEnabled(false)
            .WithVerbosityEnabled(Microsoft.Coyote.Logging.VerbosityLevel.None));

    private static void CoyoteTest(IActorRuntime runtime, int depth)
    {
        var sink = runtime.CreateActor(typeof(RaceSink), new RaceInit(null, "sink", depth));
        var a = runtime.CreateActor(typeof(RaceWorker), new RaceInit(sink, "A", depth));
        var b = runtime.CreateActor(typeof(RaceWorker), new RaceInit(sink, "B", depth));
        runtime.SendEvent(a, new RaceGo());
        runtime.SendEvent(b, new RaceGo());
    }

    private static (long, double)? CoyoteFind(Func<Configuration, Configuration> with, int depth, uint seed, int budget)
    {
        var clock = Stopwatch.StartNew();
        var report = Quietly(() =>
        {
            using var engine = TestingEngine.Create(Config(with, seed, budget), (IActorRuntime r) => CoyoteTest(r, depth));
            engine.Run();
            return engine.TestReport;
        });
        return report.NumOfFoundBugs > 0
            ? (report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths, clock.Elapsed.TotalSeconds)
            : null;
    }

    private static double CoyoteRate(int runs)
    {
        CoyoteFind(c => c.WithRandomStrategy(), 0, 1, Math.Max(1, runs / 10));
        var clock = Stopwatch.StartNew();
        var report = Quietly(() =>
        {
            using var engine = TestingEngine.Create(Config(c => c.WithRandomStrategy(), 7, runs), (IActorRuntime r) => CoyoteTest(r, 0));
            engine.Run();
            return engine.TestReport;
        });
        return (report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths) / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs Coyote with the console silenced (the engine prints its progress even with console logging off).</summary>
    private static T Quietly<T>(Func<T> run)
    {
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return run();
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static double OursRate(int runs, int parallelism)
    {
        StreamingExplorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = runs / 10, Parallelism = parallelism }, PlantedRace.Setup(0));
        var report = StreamingExplorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = runs, Parallelism = parallelism }, PlantedRace.Setup(0));
        return report.RunCount / report.Elapsed!.Value.TotalSeconds;
    }

    private static (long, double)? OursFind(ExploreOptions options, int depth, int budget)
    {
        var o = new ExploreOptions
        {
            Mode = options.Mode,
            Depth = options.Depth,
            FirstSeed = options.FirstSeed,
            Runs = budget,
            MaxSchedules = budget,
            StopOnFailure = true,
            Parallelism = 1,
        };
        var report = StreamingExplorer.Run(o, PlantedRace.Setup(depth));
        return report.Failed > 0 ? (report.RunCount, report.Elapsed!.Value.TotalSeconds) : null;
    }

    private static (long, double)? OursIterativeBound(int depth, int budget)
    {
        long total = 0;
        var seconds = 0.0;
        for (var k = 0; total < budget; k++)
        {
            var report = StreamingExplorer.Run(
                new ExploreOptions { Mode = ExploreMode.Dfs, Preemptions = k, MaxSchedules = budget - total, StopOnFailure = true, Parallelism = 1 },
                PlantedRace.Setup(depth));
            total += report.RunCount;
            seconds += report.Elapsed!.Value.TotalSeconds;
            if (report.Failed > 0)
            {
                return (total, seconds);
            }

            if (report.Exhausted != true)
            {
                break;
            }
        }

        return null;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], Inv) : fallback;
    }
}
