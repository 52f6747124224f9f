// Stress benchmarks (issue 6): simulated system calls per second on one core for the load/unload mix
// (every invariant checked on every step, as `modactors stress` runs), and how the cost of a fixed number
// of operations grows with the number of concurrent tasks (1k, 10k, 100k). Op/s is system calls per
// second; Allocated is per system call.
// Run: dotnet run -c Release --project bench -- --filter '*Stress*' --job short --inProcess
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ModActors.Scenarios.Stress;

namespace ModActors.Bench;

[Config(typeof(RuntimeConfig))]
public class StressLoadUnload
{
    private const int Ops = 20_000;

    private static readonly StressOptions Options = new()
    {
        Modules = 200,
        Tasks = 200,
        Ops = Ops,
        Mix = StressMix.Parse("load=60,unload=40"),
        FailingInits = 0,
        Parallelism = 1,
    };

    /// <summary>One seed of 20,000 finit_module/delete_module calls by 200 tasks over 200 modules.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long LoadUnloadMix() => StressRunner.Run(Options).Calls;
}

[Config(typeof(RuntimeConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class StressTaskScaling
{
    private const int Ops = 100_000;

    [Params(1_000, 10_000, 100_000)]
    public int Tasks { get; set; }

    /// <summary>One seed of 100,000 operations of the default mix over 1000 modules, spread over Tasks tasks.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long DefaultMix() => StressRunner.Run(new StressOptions
    {
        Modules = 1000,
        Tasks = Tasks,
        Ops = Ops,
        FailingInits = 0,
        Parallelism = 1,
    }).Calls;
}
