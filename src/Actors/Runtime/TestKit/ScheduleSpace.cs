// Which schedules Schedules.ForAll runs a test body under: every dfs schedule, or N seeds of
// random or pct.
namespace ModActors.Runtime.TestKit;

/// <summary>A set of schedules to run a test under.</summary>
public sealed class ScheduleSpace
{
    private ScheduleSpace(ExploreMode mode, long runs, long firstSeed, int depth, long pctSteps, long maxSchedules)
    {
        Mode = mode;
        Runs = runs;
        FirstSeed = firstSeed;
        Depth = depth;
        PctSteps = pctSteps;
        MaxSchedules = maxSchedules;
    }

    /// <summary>The strategy family.</summary>
    public ExploreMode Mode { get; }

    /// <summary>Random and pct: the number of seeds.</summary>
    public long Runs { get; }

    /// <summary>Random and pct: the first seed.</summary>
    public long FirstSeed { get; }

    /// <summary>Pct: the depth.</summary>
    public int Depth { get; }

    /// <summary>Pct: k, the steps change points are drawn from.</summary>
    public long PctSteps { get; }

    /// <summary>Dfs: the budget of schedules.</summary>
    public long MaxSchedules { get; }

    /// <summary>Steps after which a run stops (<see cref="RunOutcome.StepLimit"/>).</summary>
    public long MaxSteps { get; init; } = 100_000;

    /// <summary>Every schedule, up to <paramref name="maxSchedules"/>.</summary>
    public static ScheduleSpace Dfs(long maxSchedules = 10_000) => new(ExploreMode.Dfs, 0, 0, 0, 0, maxSchedules);

    /// <summary>Seeds <paramref name="firstSeed"/> .. firstSeed + runs - 1 of the random strategy.</summary>
    public static ScheduleSpace Random(long runs, long firstSeed = 0) => new(ExploreMode.Random, runs, firstSeed, 0, 0, 0);

    /// <summary>Seeds of pct with depth <paramref name="depth"/> over <paramref name="steps"/> steps.</summary>
    public static ScheduleSpace Pct(long runs, int depth = 2, long steps = 100, long firstSeed = 0) =>
        new(ExploreMode.Pct, runs, firstSeed, depth, steps, 0);
}
