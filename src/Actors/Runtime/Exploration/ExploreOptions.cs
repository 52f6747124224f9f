// What an exploration runs: which strategy, how many runs or schedules, and which shard of them.
using System.Globalization;

namespace ModActors.Runtime;

/// <summary>The strategy family an <see cref="Explorer"/> runs.</summary>
public enum ExploreMode
{
    /// <summary>One <see cref="RandomStrategy"/> run per seed.</summary>
    Random,

    /// <summary>One <see cref="PctStrategy"/> run per seed.</summary>
    Pct,

    /// <summary>Every schedule, enumerated by <see cref="DfsStrategy"/> (split into subtrees over cores).</summary>
    Dfs,
}

/// <summary>The options of an exploration.</summary>
public sealed class ExploreOptions
{
    /// <summary>The strategy family.</summary>
    public ExploreMode Mode { get; init; } = ExploreMode.Pct;

    /// <summary>Random and pct: the number of seeds (runs) before sharding.</summary>
    public long Runs { get; init; } = 100;

    /// <summary>Random and pct: the first seed; run i uses seed FirstSeed + i.</summary>
    public long FirstSeed { get; init; }

    /// <summary>Pct: the depth d (bugs needing d ordering constraints).</summary>
    public int Depth { get; init; } = 2;

    /// <summary>Pct: k, the steps change points are drawn from; 0 = the length of one fifo run.</summary>
    public long PctSteps { get; init; }

    /// <summary>Dfs: the budget of schedules.</summary>
    public long MaxSchedules { get; init; } = 100_000;

    /// <summary>Each run stops with <see cref="RunOutcome.StepLimit"/> after this many steps.</summary>
    public long MaxSteps { get; init; } = 100_000;

    /// <summary>This machine's share: runs (or dfs subtrees) with index in shard <c>Index</c> of <c>Count</c>.</summary>
    public (int Index, int Count) Shard { get; init; } = (0, 1);

    /// <summary>Simulations run at once; each one stays on one thread.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether runs record their traces (off by default: faster).</summary>
    public bool RecordTrace { get; init; }

    /// <summary>The name given to every simulation.</summary>
    public string Name { get; init; } = "explore";

    /// <summary>Parses a shard written <c>i/n</c> (0 &lt;= i &lt; n).</summary>
    public static (int Index, int Count) ParseShard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count > 0 && index < count)
        {
            return (index, count);
        }

        throw new FormatException($"shard '{text}' is not of the form i/n with 0 <= i < n");
    }

    internal void Validate()
    {
        if (Shard.Count < 1 || Shard.Index < 0 || Shard.Index >= Shard.Count)
        {
            throw new ArgumentException($"shard {Shard.Index}/{Shard.Count} is not of the form i/n with 0 <= i < n");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Runs, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(Depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSchedules, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1);
    }
}
