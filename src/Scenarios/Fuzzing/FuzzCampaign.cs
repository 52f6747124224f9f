// A fuzz campaign: N cases from one seed (case i's mutant depends only on the seed and i), each run on
// its own thread under a wall-clock limit (outside any simulation: the simulations themselves stay
// deterministic), outcomes counted by class and detail. A case that errs internally is minimised — its
// changes dropped one at a time while it still errs — and saved with a note of its changes; a case that
// hangs is saved as it is and ends the campaign (its thread cannot be stopped).
using System.Globalization;
using System.Text;

namespace ModActors.Scenarios.Fuzzing;

/// <summary>One bug a campaign found.</summary>
internal sealed record FuzzBug(long Case, FuzzOutcome Outcome, string Reproducer, int Changes);

/// <summary>What a campaign counted.</summary>
internal sealed record FuzzSummary(string Fuzzer, long Seed, long Cases, SortedDictionary<string, long> Counts, IReadOnlyList<FuzzBug> Bugs, TimeSpan Elapsed)
{
    public long InternalErrors => Bugs.Count(b => b.Outcome.Class == FuzzClass.InternalError);

    public long Hangs => Bugs.Count(b => b.Outcome.Class == FuzzClass.Hang);

    /// <summary>The summary as printed by `modactors fuzz`.</summary>
    public IEnumerable<string> Lines()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"fuzz {Fuzzer}: {Cases} cases, seed {Seed}, {Elapsed.TotalSeconds:0.0} s: {InternalErrors} internal errors, {Hangs} hangs");
        foreach (var (key, n) in Counts)
            yield return string.Create(CultureInfo.InvariantCulture, $"  {n,8}  {key}");
        foreach (var b in Bugs)
            yield return $"  bug: case {b.Case}: {b.Outcome.Class}: {b.Outcome.Detail} ({b.Changes} changes) -> {b.Reproducer}";
    }
}

internal static class FuzzCampaign
{
    /// <summary>A case's random stream: SplitMix64 of the seed and the case number (stable across runtimes).</summary>
    public static Random CaseRandom(long seed, long index)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return new Random((int)(z ^ (z >> 31)));
    }

    /// <summary>Runs cases [0, cases) of <paramref name="seed"/>; reproducers go to <paramref name="outDir"/>.</summary>
    public static FuzzSummary Run<T>(IFuzzer<T> fuzzer, long cases, long seed, string outDir, TimeSpan timeout, Action<long>? progress = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var bugs = new List<FuzzBug>();
        for (long i = 0; i < cases; i++)
        {
            var (b, mutations) = fuzzer.Generate(CaseRandom(seed, i));
            var outcome = Guarded(() => fuzzer.Run(b, mutations), timeout);
            counts[outcome.Key] = counts.GetValueOrDefault(outcome.Key) + 1;
            if (outcome.IsBug)
            {
                if (outcome.Class == FuzzClass.InternalError)
                    mutations = Minimise(fuzzer, b, mutations, timeout);
                var stem = Path.Combine(outDir, string.Create(CultureInfo.InvariantCulture, $"{fuzzer.Name}-seed-{seed}-case-{i}"));
                Directory.CreateDirectory(outDir);
                var path = fuzzer.Save(stem, b, mutations);
                File.WriteAllText(stem + ".txt", Note(fuzzer, seed, i, b, mutations, outcome));
                bugs.Add(new FuzzBug(i, outcome, path, mutations.Count));
                if (outcome.Class == FuzzClass.Hang)
                    return new FuzzSummary(fuzzer.Name, seed, i + 1, counts, bugs, started.Elapsed);
            }
            progress?.Invoke(i + 1);
        }
        return new FuzzSummary(fuzzer.Name, seed, cases, counts, bugs, started.Elapsed);
    }

    /// <summary>Runs one case on its own thread; a case that outlives <paramref name="timeout"/> is a hang.</summary>
    public static FuzzOutcome Guarded(Func<FuzzOutcome> run, TimeSpan timeout)
    {
        FuzzOutcome? result = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = run();
            }
            catch (Exception e)
            {
                result = FuzzOutcome.Internal(e);
            }
        }, 1 << 20) { IsBackground = true, Name = "fuzz case" };
        thread.Start();
        return thread.Join(timeout) ? result! : new FuzzOutcome(FuzzClass.Hang, $"still running after {timeout.TotalSeconds:0} s");
    }

    private static List<T> Minimise<T>(IFuzzer<T> fuzzer, int b, List<T> mutations, TimeSpan timeout)
    {
        var current = new List<T>(mutations);
        for (var i = current.Count - 1; i >= 0 && current.Count > 1; i--)
        {
            var without = new List<T>(current);
            without.RemoveAt(i);
            if (Guarded(() => fuzzer.Run(b, without), timeout).Class == FuzzClass.InternalError)
                current = without;
        }
        return current;
    }

    private static string Note<T>(IFuzzer<T> fuzzer, long seed, long i, int b, IReadOnlyList<T> mutations, FuzzOutcome outcome)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"modactors fuzz {fuzzer.Name} --seed {seed}: case {i}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"outcome: {outcome.Class}: {outcome.Detail}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"base: {fuzzer.BaseName(b)}");
        sb.AppendLine("changes (minimised):");
        foreach (var m in mutations)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {m}");
        if (outcome.Stack is { } stack)
            sb.AppendLine("where:").AppendLine(stack);
        return sb.ToString();
    }
}
