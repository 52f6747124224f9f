// Small kernel races for the telemetry tests, each in an Simulation of its own name so that an export can keep only
// its traces while other tests run kernels in parallel.
using ModActors.Kernel;
using ModActors.Runtime;
using Xunit;

namespace ModActors.Scenarios.Tests.Telemetry;

internal static class KernelRaces
{
    private const string SlowKo = "/m/slow.ko";

    private static int systems;

    /// <summary>A fresh system name; pass it to the export as its system filter, then run the race in it.</summary>
    public static string NewSystemName() => $"otel-{Interlocked.Increment(ref systems)}";

    /// <summary>
    /// a finit_modules slow.ko (init sleeps 1000ms); b finit_modules the same file 200ms later and waits for a's
    /// load; c init_modules a copy (another inode) 300ms in and is refused with EEXIST once slow is LIVE.
    /// </summary>
    public static void SlowLoaders(string systemName)
    {
        using var system = Simulation.Create(systemName);
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { Timing = TimingProfile.Instant });
        var slow = new ModuleDefinition { Name = "slow", Init = new ModuleBehaviour([new SleepAction(1000)]) };
        kernel.Files.Add(new SimFile { Path = SlowKo, Inode = 1, Module = slow });
        kernel.Files.Add(new SimFile { Path = "/m/copy/slow.ko", Inode = 2, Module = slow });
        kernel.Spawn("a", async t => await Syscalls.finit_module(t, SlowKo, "", 0));
        kernel.Spawn("b", async t =>
        {
            await Syscalls.msleep(t, 200);
            return await Syscalls.finit_module(t, SlowKo, "", 0);
        });
        kernel.Spawn("c", async t =>
        {
            await Syscalls.msleep(t, 300);
            return await Syscalls.init_module(t, "/m/copy/slow.ko", "");
        });
        var result = system.Run();
        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
    }
}
