// The streaming explorer: like Explorer, but nothing is kept per run — each run's verdict goes into an
// OutcomeTally (one per worker, merged in the end) — so millions of schedules cost no memory, and it
// can stop at the first failure. It runs every mode: random and pct seeds over all cores (pct as a
// mixture of depths, k counted in choice points), dfs with partial-order reduction (DporStrategy, one
// core: the search state is one stack), dfs bounded to K preemptions (BoundedDfsStrategy), and the
// portfolio (random, pct at several depths and bounded dfs in rotation, as Coyote's default does).
// Reports carry the wall-clock time (measured outside the simulations).
using Akka.Actor;
using System.Diagnostics;

namespace ModActors.Runtime;

/// <summary>Explores without keeping a record per run; see <see cref="ExploreOptions"/>.</summary>
public static class StreamingExplorer
{
    private const int PortfolioPreemptions = 2;
    private static readonly int[] PortfolioDepths = [2, 3, 5];

    /// <summary>Explores the program that <paramref name="setup"/> builds in each fresh simulation.</summary>
    public static ExploreReport Run(ExploreOptions options, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(setup);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var report = options.Mode switch
        {
            ExploreMode.Dfs when options.Preemptions is { } k => Bounded(options, setup, k),
            ExploreMode.Dfs when options.Reduction => Dpor(options, setup),
            ExploreMode.Dfs => Explorer.Run(options, setup),
            _ => Seeds(options, setup),
        };
        return new ExploreReport(options, Tally(report), report.Exhausted, report.PctSteps)
        {
            Elapsed = clock.Elapsed,
            SleepBlocked = report.SleepBlocked,
            StoppedAtFailure = report.StoppedAtFailure,
            Method = report.Method ?? (options.Mode == ExploreMode.Dfs ? "dfs without reduction" : null),
        };
    }

    /// <summary>The number of choice points (steps with more than one enabled actor) of the fifo run: pct's k as a mixture.</summary>
    public static long MeasureChoicePoints(ExploreOptions options, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        ArgumentNullException.ThrowIfNull(options);
        var counter = new ChoiceCounter();
        Run1(options, counter, 0, 0, setup, false);
        return Math.Max(1, counter.Points);
    }

    private static OutcomeTally Tally(ExploreReport report)
    {
        if (report.Tally is { } tally)
        {
            return tally;
        }

        var t = new OutcomeTally();
        foreach (var run in report.Runs)
        {
            t.Add(run);
        }

        return t;
    }

    private static ExploreReport Dpor(ExploreOptions o, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        var dpor = new DporStrategy(o.MaxSchedules);
        var tally = new OutcomeTally();
        long blocked = 0, index = 0;
        var stopped = false;
        do
        {
            var run = Run1(o, dpor, index, index, setup, keepSchedule: true);
            if (dpor.SleepBlocked)
            {
                blocked++;
                continue;
            }

            tally.Add(run);
            index++;
            if (!run.Passed && o.StopOnFailure)
            {
                stopped = true;
                break;
            }
        }
        while (dpor.NextSchedule());
        return new ExploreReport(o, tally, !stopped && dpor.Exhausted, 0) { Tally = tally, SleepBlocked = blocked, StoppedAtFailure = stopped, Method = "dfs with partial-order reduction" };
    }

    private static ExploreReport Bounded(ExploreOptions o, Func<Simulation, Func<RunResult, RunVerdict>> setup, int k)
    {
        var dfs = new BoundedDfsStrategy(k, o.MaxSchedules);
        var tally = new OutcomeTally();
        long index = 0;
        var stopped = false;
        do
        {
            var run = Run1(o, dfs, index, index, setup, keepSchedule: false);
            tally.Add(run);
            index++;
            if (!run.Passed && o.StopOnFailure)
            {
                stopped = true;
                break;
            }
        }
        while (dfs.NextSchedule());
        return new ExploreReport(o, tally, !stopped && dfs.Exhausted, 0) { Tally = tally, StoppedAtFailure = stopped, Method = $"dfs with at most {k} preemptions" };
    }

    private static ExploreReport Seeds(ExploreOptions o, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        var mixture = o.PctMixture;
        var k = o.Mode is ExploreMode.Pct or ExploreMode.Portfolio
            ? (o.PctSteps > 0 ? o.PctSteps : mixture || o.Mode == ExploreMode.Portfolio ? MeasureChoicePoints(o, setup) : Math.Max(1, Run1(o, new FifoStrategy(), 0, 0, setup, false).Steps))
            : 0;
        var from = o.Runs * o.Shard.Index / o.Shard.Count;
        var to = o.Runs * (o.Shard.Index + 1) / o.Shard.Count;
        var total = new OutcomeTally();
        var gate = new object();
        var bounded = o.Mode == ExploreMode.Portfolio ? new BoundedDfsStrategy(PortfolioPreemptions, long.MaxValue) : null;
        var boundedDone = false;
        var stop = 0;
        Parallel.For(
            from,
            to,
            new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism },
            () => new OutcomeTally(),
            (i, loop, tally) =>
            {
                if (Volatile.Read(ref stop) != 0)
                {
                    loop.Stop();
                    return tally;
                }

                var seed = o.FirstSeed + i;
                ExploredRun run;
                if (bounded != null && i % 5 == 4)
                {
                    lock (bounded)
                    {
                        run = boundedDone
                            ? Run1(o, new RandomStrategy(seed), i, seed, setup, false)
                            : Run1(o, bounded, i, seed, setup, keepSchedule: false);
                        boundedDone = boundedDone || !bounded.NextSchedule();
                    }
                }
                else
                {
                    run = Run1(o, Member(o, i, seed, k), i, seed, setup, keepSchedule: false);
                }

                tally.Add(run);
                if (!run.Passed && o.StopOnFailure)
                {
                    Interlocked.Exchange(ref stop, 1);
                    loop.Stop();
                }

                return tally;
            },
            tally =>
            {
                lock (gate)
                {
                    total.Merge(tally);
                }
            });
        var method = o.Mode switch
        {
            ExploreMode.Random => "random",
            ExploreMode.Pct => mixture ? $"pct mixture of depths 1..{o.Depth} (k={k} choice points)" : $"pct depth {o.Depth} (k={k})",
            _ => $"portfolio (random, pct mixtures to depth 2, 3, 5 with k={k}, dfs with at most {PortfolioPreemptions} preemptions)",
        };
        return new ExploreReport(o, total, null, k) { Tally = total, StoppedAtFailure = stop != 0, Method = method };
    }

    private static ISchedulingStrategy Member(ExploreOptions o, long i, long seed, long k) => o.Mode switch
    {
        ExploreMode.Random => new RandomStrategy(seed),
        ExploreMode.Pct => new PctStrategy(seed, o.Depth, k, o.PctMixture),
        _ => (i % 5) switch
        {
            0 => new RandomStrategy(seed),
            var m => new PctStrategy(seed, PortfolioDepths[m - 1], k, mixture: true),
        },
    };

    private static ExploredRun Run1(
        ExploreOptions o,
        ISchedulingStrategy strategy,
        long index,
        long seed,
        Func<Simulation, Func<RunResult, RunVerdict>> setup,
        bool keepSchedule)
    {
        using var sys = Simulation.Create(o.Name, new SimulationOptions
        {
            Strategy = strategy,
            MaxSteps = o.MaxSteps,
            RecordTrace = o.RecordTrace,
        });
        RunResult result;
        RunVerdict verdict;
        try
        {
            var judge = setup(sys);
            result = sys.Run();
            verdict = judge(result);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result = sys.Result;
            verdict = new RunVerdict("exception: " + e.GetType().Name + ": " + e.Message, false);
        }

        var detail = result.Outcome == RunOutcome.Quiescent || verdict.Passed ? null : result.ToString();
        var schedule = keepSchedule || !verdict.Passed ? result.Schedule : null;
        return new ExploredRun(index, seed, verdict.Key, verdict.Passed, result.Outcome, result.Steps, schedule, detail);
    }

    /// <summary>Fifo order, counting the steps with more than one enabled actor.</summary>
    private sealed class ChoiceCounter : ISchedulingStrategy
    {
        public string Name => "fifo";

        public long Seed => 0;

        public int Depth => 0;

        public long Points { get; private set; }

        public int Choose(IReadOnlyList<IActorRef> candidates, long step)
        {
            if (candidates.Count > 1)
            {
                Points++;
            }

            return 0;
        }
    }
}
