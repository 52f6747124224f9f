// The bounds of an exploration, the same for the scenario's explore: section and the command line, so a
// number that would overflow or allocate without end is refused with the limit named.
namespace ModActors.Scenarios;

internal static class ExploreLimits
{
    /// <summary>Runs in one exploration (the explorer keeps one record per run; split more with --shard).</summary>
    public const long MaxRuns = 10_000_000;

    /// <summary>The pct depth d (d - 1 priority change points per run).</summary>
    public const int MaxDepth = 1000;

    /// <summary>Scheduling steps of one run.</summary>
    public const long MaxSteps = 1_000_000_000;

    /// <summary>Null when the settings are within the limits, else the message naming the one that is not.</summary>
    public static string? Check(long runs, long depth, long seed, long maxSteps, int jobs) =>
        runs is < 1 or > MaxRuns ? $"--runs must be between 1 and {MaxRuns}"
        : depth is < 1 or > MaxDepth ? $"--depth must be between 1 and {MaxDepth}"
        : seed < 0 ? "--seed must not be negative"
        : maxSteps is < 1 or > MaxSteps ? $"max_steps must be between 1 and {MaxSteps}"
        : jobs < 0 ? "--jobs must not be negative"
        : null;
}
