// One seed's simulation: a fresh Simulation under a random or pct strategy seeded by the seed (or a
// replayed schedule), a booted kernel with the profile's load path and CONFIG_MODULE_STATS on, the
// workload's files, one task per workload task, the kernel's invariants plus the holders' ledger checked
// after every step, and the end-of-run checks. Single-threaded: seeds run in parallel, steps never do.
using ModActors.Kernel;
using ModActors.Runtime;

namespace ModActors.Scenarios.Stress;

internal static class StressSimulation
{
    public static StressSeedResult Run(StressOptions o, long seed, Schedule? replay = null, StressProgress? progress = null)
    {
        var workload = StressWorkload.Generate(o, seed);
        var strategy = Strategy(o, seed, replay, workload);
        var system = Simulation.Create("stress", new SimulationOptions
        {
            Strategy = strategy,
            RecordTrace = false,
            MaxSteps = StepLimit(o),
        });
        using (system)
        {
            var config = (o.Profile == KernelProfile.Linux63 ? KernelConfig.Linux63 : KernelConfig.Debian612) with { ModuleStats = true, Timing = TimingProfile.Instant };
            var kernel = SimKernel.Boot(system, config);
            foreach (var module in workload.Modules)
            {
                foreach (var path in module.Paths)
                    kernel.Files.Add(new SimFile { Path = path, Inode = kernel.Files.NewInode(), Module = module.Definition });
            }
            var ledger = new HolderLedger();
            system.AddInvariant("stress holders", ledger.Check);
            var counts = new StressCounts();
            for (var task = 0; task < workload.TaskCount; task++)
            {
                if (workload.TaskStart[task] == workload.TaskStart[task + 1])
                    continue;
                var name = TaskName(task, o.Tasks);
                var program = new StressTaskProgram(workload, task, name, counts, ledger, progress, o.Plant);
                kernel.Spawn(name, program.Run);
            }
            var run = system.Run();
            var violation = run.Outcome switch
            {
                RunOutcome.Quiescent => kernel.CheckAtEnd() is { } end ? $"end of run: {end}" : null,
                RunOutcome.InvariantViolation => run.Violation,
                RunOutcome.Deadlock => run.Deadlock!.ToString(),
                RunOutcome.Failure => run.Failure!.ToString(),
                _ => $"step limit: the run did not finish within {StepLimit(o)} steps",
            };
            progress?.SeedDone();
            var stats = kernel.Stats;
            return new StressSeedResult(seed, counts, run, violation,
                stats.dup_failed_modules.Sum(d => d.Count),
                stats.invalid_kread_bytes + stats.invalid_decompress_bytes + stats.invalid_becoming_bytes + stats.invalid_mod_bytes,
                kernel.Modules().Count);
        }
    }

    public static string TaskName(int task, int tasks) =>
        "t" + task.ToString("D" + Math.Max(1, (tasks - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length),
            System.Globalization.CultureInfo.InvariantCulture);

    private static long StepLimit(StressOptions o) => 1_000_000 + 2_000L * (o.Ops + o.Tasks);

    private static ISchedulingStrategy Strategy(StressOptions o, long seed, Schedule? replay, StressWorkload workload) =>
        replay is not null ? new ReplayStrategy(replay)
        : o.Strategy == "pct" ? new PctStrategy(seed, o.Depth, Math.Max(1, 100L * workload.Ops.Length))
        : new RandomStrategy(seed);
}
