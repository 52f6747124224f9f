// The options of `modactors stress`: the workload's size and mix, which seeds to run, the kernel profile,
// the scheduling strategy, and the planted bug used to test that violations are found and replayed.
// Everything a seed's simulation depends on is here, so a seed plus these options rebuild it exactly.
using ModActors.Kernel;

namespace ModActors.Scenarios.Stress;

/// <summary>A bug the workload can plant on purpose, to show that violations are caught and replayed.</summary>
public enum PlantedBug
{
    /// <summary>No planted bug.</summary>
    None,

    /// <summary>Every holder calls module_put twice on each reference it got (a double put).</summary>
    Refcount,
}

/// <summary>How a stress run is generated and scheduled.</summary>
public sealed record StressOptions
{
    /// <summary>Modules in the generated dependency DAG.</summary>
    public int Modules { get; init; } = 100;

    /// <summary>Tasks making system calls concurrently.</summary>
    public int Tasks { get; init; } = 100;

    /// <summary>Operations per seed, spread over the tasks.</summary>
    public int Ops { get; init; } = 1000;

    /// <summary>The operation mix.</summary>
    public StressMix Mix { get; init; } = StressMix.Default;

    /// <summary>Independent simulations to run.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>The first seed; seeds run are FirstSeed .. FirstSeed + Seeds - 1.</summary>
    public long FirstSeed { get; init; } = 1;

    /// <summary>Which kernel's load path to model (statistics are counted in both).</summary>
    public KernelProfile Profile { get; init; } = KernelProfile.Linux612;

    /// <summary>The scheduling strategy of each seed: "random" or "pct".</summary>
    public string Strategy { get; init; } = "random";

    /// <summary>The pct depth.</summary>
    public int Depth { get; init; } = 3;

    /// <summary>Percent of modules whose init fails with -ENODEV (do_init_module's failure path).</summary>
    public int FailingInits { get; init; } = 3;

    /// <summary>The planted bug, if any.</summary>
    public PlantedBug Plant { get; init; }

    /// <summary>Simulations run at once (at most the number of seeds); output does not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The profile as the command line writes it: "6.12" or "6.3".</summary>
    public string ProfileName => Profile == KernelProfile.Linux63 ? "6.3" : "6.12";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Check(Modules is >= 1 and <= 100_000, "--modules must be between 1 and 100000");
        Check(Tasks is >= 1 and <= 1_000_000, "--tasks must be between 1 and 1000000");
        Check(Ops is >= 0 and <= 100_000_000, "--ops must be between 0 and 100000000");
        Check(Seeds is >= 1 and <= 1_000_000, "--seeds must be between 1 and 1000000");
        Check(FirstSeed >= 0, "--seed must not be negative");
        Check(Strategy is "random" or "pct", $"--strategy must be random or pct, not '{Strategy}'");
        Check(Depth is >= 1 and <= 100, "--depth must be between 1 and 100");
        Check(FailingInits is >= 0 and <= 90, "--failing-inits must be between 0 and 90 (percent)");
        Check(Parallelism >= 1, "--jobs must be at least 1");
        Check(Mix.Total > 0, "--mix needs at least one positive weight");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
            throw new ArgumentException(message);
    }
}
