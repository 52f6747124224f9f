// The explorer: many independent simulations at once, one per seed (random, pct) or per schedule
// (dfs). Each simulation stays on one thread; Parallel.For only spreads whole runs over cores, and
// results are stored by run index, so the report never depends on the core count. A shard i/n
// takes a contiguous range of seeds (or every n-th dfs subtree) so any batch system can split the
// work over machines. Dfs splits its space into subtrees by the first choices (a fixed depth,
// independent of the core count) and enumerates the subtrees in parallel; concatenated in order
// they give exactly the sequential dfs order.
using System.Collections.Concurrent;

namespace ModActors.Runtime;

/// <summary>Runs many independent simulations of one scenario and summarises their outcomes.</summary>
public static class Explorer
{
    private const int SubtreeTarget = 64;
    private const int MaxSplitDepth = 6;

    /// <summary>
    /// Explores the program that <paramref name="setup"/> builds in a fresh simulation; setup returns how
    /// to judge the finished run.
    /// </summary>
    public static ExploreReport Run(ExploreOptions options, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(setup);
        options.Validate();
        return options.Mode == ExploreMode.Dfs ? RunDfs(options, setup) : RunSeeds(options, setup);
    }

    private static ExploreReport RunSeeds(ExploreOptions o, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        var k = o.Mode == ExploreMode.Pct ? (o.PctSteps > 0 ? o.PctSteps : MeasureSteps(o, setup)) : 0;
        var from = o.Runs * o.Shard.Index / o.Shard.Count;
        var to = o.Runs * (o.Shard.Index + 1) / o.Shard.Count;
        var runs = new ExploredRun[to - from];
        Parallel.For(from, to, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism }, i =>
        {
            var seed = o.FirstSeed + i;
            ISchedulingStrategy strategy = o.Mode == ExploreMode.Pct ? new PctStrategy(seed, o.Depth, k) : new RandomStrategy(seed);
            runs[i - from] = RunOne(o, strategy, i, seed, setup, keepSchedule: false);
        });
        return new ExploreReport(o, runs, null, k);
    }

    private static ExploreReport RunDfs(ExploreOptions o, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        var prefixes = SplitIntoSubtrees(o, setup);
        var mine = new List<IReadOnlyList<int>>();
        for (var i = o.Shard.Index; i < prefixes.Count; i += o.Shard.Count)
        {
            mine.Add(prefixes[i]);
        }

        var perSubtree = new List<ExploredRun>[mine.Count];
        var counts = new long[mine.Count];
        var exhausted = new bool[mine.Count];
        var inOrder = Partitioner.Create(Enumerable.Range(0, mine.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(inOrder, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism }, i =>
        {
            var dfs = new DfsStrategy(mine[i], int.MaxValue, o.MaxSchedules);
            var runs = new List<ExploredRun>();
            do
            {
                runs.Add(RunOne(o, dfs, 0, 0, setup, keepSchedule: true));
                Interlocked.Increment(ref counts[i]);
            }
            while (!BeyondBudget(counts, i, o.MaxSchedules) && dfs.NextSchedule());
            perSubtree[i] = runs;
            exhausted[i] = dfs.Exhausted;
        });

        var all = new List<ExploredRun>();
        foreach (var runs in perSubtree)
        {
            foreach (var run in runs)
            {
                if (all.Count == o.MaxSchedules)
                {
                    break;
                }

                all.Add(run with { Index = all.Count, Seed = all.Count });
            }
        }

        var total = perSubtree.Sum(r => (long)r.Count);
        return new ExploreReport(o, all, Array.TrueForAll(exhausted, e => e) && total <= o.MaxSchedules, 0);
    }

    /// <summary>
    /// Runs <paramref name="run"/> of <paramref name="report"/> again with its trace recorded, to show or
    /// save the steps of an interesting outcome; the rerun follows the run's schedule (or seed) exactly.
    /// </summary>
    public static (RunResult Result, RunVerdict Verdict) Rerun(
        ExploreReport report,
        ExploredRun run,
        Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(setup);
        ISchedulingStrategy strategy = run.Schedule != null
            ? new ReplayStrategy(run.Schedule)
            : report.Options.Mode == ExploreMode.Pct
                ? new PctStrategy(run.Seed, report.Options.Depth, report.PctSteps)
                : new RandomStrategy(run.Seed);
        return RunTraced(report.Options.Name, strategy, report.Options.MaxSteps, setup);
    }

    /// <summary>
    /// Replays <paramref name="schedule"/> (from a report, or <see cref="Schedule.Load"/> of a saved file) on the
    /// program <paramref name="setup"/> builds, with its trace recorded: the same steps, step for step.
    /// </summary>
    public static (RunResult Result, RunVerdict Verdict) Replay(
        Schedule schedule,
        Func<Simulation, Func<RunResult, RunVerdict>> setup,
        long maxSteps = 100_000)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(setup);
        return RunTraced("replay", new ReplayStrategy(schedule), maxSteps, setup);
    }

    private static (RunResult Result, RunVerdict Verdict) RunTraced(
        string name,
        ISchedulingStrategy strategy,
        long maxSteps,
        Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        using var sys = Simulation.Create(name, new SimulationOptions { Strategy = strategy, MaxSteps = maxSteps, RecordTrace = true });
        var judge = setup(sys);
        var result = sys.Run();
        return (result, judge(result));
    }

    /// <summary>
    /// Whether every further schedule of subtree <paramref name="i"/> would fall past the budget: the
    /// subtrees before it (whose counts only grow) and its own runs already fill it.
    /// </summary>
    private static bool BeyondBudget(long[] counts, int i, long budget)
    {
        var sum = 0L;
        for (var j = 0; j <= i; j++)
        {
            sum += Interlocked.Read(ref counts[j]);
        }

        return sum >= budget;
    }

    /// <summary>The first choices of every subtree, in dfs order; deep enough for about 64 subtrees.</summary>
    private static List<IReadOnlyList<int>> SplitIntoSubtrees(ExploreOptions o, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        List<IReadOnlyList<int>> prefixes = [];
        for (var depth = 1; depth <= MaxSplitDepth; depth++)
        {
            prefixes = [];
            var deeper = false;
            var dfs = new DfsStrategy([], depth, long.MaxValue);
            do
            {
                RunOne(o, dfs, 0, 0, setup, keepSchedule: false);
                var prefix = dfs.CurrentChoices;
                deeper |= prefix.Count == depth;
                prefixes.Add(prefix);
            }
            while (dfs.NextSchedule());

            if (prefixes.Count >= SubtreeTarget || !deeper)
            {
                break;
            }
        }

        return prefixes;
    }

    private static long MeasureSteps(ExploreOptions o, Func<Simulation, Func<RunResult, RunVerdict>> setup)
    {
        var run = RunOne(o, new FifoStrategy(), 0, 0, setup, keepSchedule: false);
        return Math.Max(1, run.Steps);
    }

    private static ExploredRun RunOne(
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

        var detail = result.Outcome == RunOutcome.Quiescent ? null : result.ToString();
        var schedule = keepSchedule || !verdict.Passed ? result.Schedule : null;
        return new ExploredRun(index, seed, verdict.Key, verdict.Passed, result.Outcome, result.Steps, schedule, detail);
    }
}
