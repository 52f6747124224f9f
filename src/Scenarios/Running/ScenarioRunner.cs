// One run of a scenario under a chosen strategy (fifo, random or pct with a seed, or a replayed
// schedule), with the trace recorded so it can be replayed and compared by its hash. Pct needs k,
// the length of a run: like the explorer, it takes the step count of one fifo run, so `run --seed N`
// and seed N of an exploration are the same run.
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal sealed record RunSettings(string Strategy = "fifo", long Seed = 0, int Depth = 2, long MaxSteps = 100_000);

internal static class ScenarioRunner
{
    public static RunReport Run(ScenarioSetup setup, RunSettings settings)
    {
        ISchedulingStrategy strategy = settings.Strategy switch
        {
            "random" => new RandomStrategy(settings.Seed),
            "pct" => new PctStrategy(settings.Seed, settings.Depth, PctSteps(setup, settings.MaxSteps)),
            _ => new FifoStrategy(),
        };
        return Run(setup, strategy, settings.MaxSteps);
    }

    public static RunReport Replay(ScenarioSetup setup, Schedule schedule, long maxSteps) =>
        Run(setup, new ReplayStrategy(schedule), maxSteps);

    /// <summary>The k of pct: the steps of one fifo run.</summary>
    public static long PctSteps(ScenarioSetup setup, long maxSteps) =>
        Math.Max(1, Run(setup, new FifoStrategy(), maxSteps, record: false).Result.Steps);

    private static RunReport Run(ScenarioSetup setup, ISchedulingStrategy strategy, long maxSteps, bool record = true)
    {
        using var system = Simulation.Create("scenario", new SimulationOptions { Strategy = strategy, MaxSteps = maxSteps, RecordTrace = record });
        var judge = setup.Build(system);
        return judge(system.Run());
    }
}
