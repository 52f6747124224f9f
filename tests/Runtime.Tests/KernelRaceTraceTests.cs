// Pins the traces and schedules of kernel load/unload races under pct and random seeds, so a change to
// the runtime's internals (ready queue, ask bookkeeping, pct ranks, how replies and yields resume an actor)
// cannot change which schedule a seed produces. They cover who ran at each step, when, the choices and the
// syscalls' return codes, not the text of messages (that is the kernel's), so only a change of the
// kernel's behaviour calls for re-pinning them. The runtime of c98f24e (before its internals were
// optimised) gave the same hashes as the optimised one; these were re-pinned when module_mutex got its
// fast path (a yield, then __mutex_trylock_fast, or the wait list joined in the same step) and find_symbol
// became a plain read under the mutex,
// with the runtime of that commit, and runtime changes since must keep them. The move onto Akka.NET kept
// them too: the Akka-based layer gives every one of these races the trace of the home-made runtime.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModActors.Kernel;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class KernelRaceTraceTests
{
    private static readonly ModuleDefinition Expa = new()
    {
        Name = "expa",
        Exports = [new SymbolExport("expa_value")],
        Init = new ModuleBehaviour([new SleepAction(5), new ReturnAction(0)]),
    };

    private static readonly ModuleDefinition Useb = new() { Name = "useb", Imports = ["expa_value"], Depends = ["expa"] };

    private static readonly ModuleDefinition Slow = new()
    {
        Name = "slow",
        Init = new ModuleBehaviour([new SleepAction(3), new ReturnAction(0)]),
        Exit = new ModuleBehaviour([new SleepAction(2)]),
    };

    /// <summary>The strategy a pin names: pct (depth 3, k 2000), random or fifo.</summary>
    internal static ISchedulingStrategy Strategy(string name, long seed) => name switch
    {
        "pct" => new PctStrategy(seed, 3, 2000),
        "random" => new RandomStrategy(seed),
        _ => new FifoStrategy(),
    };

    private static string RaceHash(ISchedulingStrategy strategy, int tasks) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RaceText(strategy, tasks))))[..16];

    /// <summary>
    /// Who ran at each step and when, the choices and every task's syscall results of the race of
    /// <paramref name="tasks"/> tasks under <paramref name="strategy"/>.
    /// </summary>
    internal static string RaceText(ISchedulingStrategy strategy, int tasks) => TestActors.OutsideAnyActor(() => Race(strategy, tasks));

    private static string Race(ISchedulingStrategy strategy, int tasks)
    {
        using var system = Simulation.Create("race", new SimulationOptions { Strategy = strategy });
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { ModuleStats = true, Timing = TimingProfile.Instant });
        foreach (var (path, def) in new[] { ("/m/expa.ko", Expa), ("/m/useb.ko", Useb), ("/m/slow.ko", Slow), ("/tmp/expa2.ko", Expa) })
        {
            kernel.Files.Add(new SimFile { Path = path, Inode = kernel.Files.NewInode(), Module = def });
        }

        kernel.Repository.Install("expa", "/m/expa.ko", []);
        kernel.Repository.Install("useb", "/m/useb.ko", ["expa"]);
        kernel.Repository.Install("slow", "/m/slow.ko", []);
        var results = new StringBuilder();
        for (var i = 0; i < tasks; i++)
        {
            var name = "t" + i.ToString(CultureInfo.InvariantCulture);
            var kind = i % 3;
            kernel.Spawn(name, async t =>
            {
                var rcs = kind switch
                {
                    0 => new[]
                    {
                        await Syscalls.finit_module(t, "/m/expa.ko", string.Empty, 0),
                        await Syscalls.finit_module(t, "/m/useb.ko", string.Empty, 0),
                        await Syscalls.delete_module(t, "useb", 0),
                        await Syscalls.delete_module(t, "expa", 0),
                    },
                    1 => new[]
                    {
                        await Syscalls.finit_module(t, "/tmp/expa2.ko", string.Empty, 0),
                        await Syscalls.try_module_get(t, name, "expa"),
                        await Syscalls.delete_module(t, "expa", 0x800),
                        await Syscalls.module_put(t, name, "expa"),
                    },
                    _ => new[]
                    {
                        await Syscalls.finit_module(t, "/m/slow.ko", string.Empty, 0),
                        await Syscalls.modprobe(t, "useb"),
                        await Syscalls.delete_module(t, "slow", 0),
                    },
                };
                results.Append(name).Append(':').AppendJoin(',', rcs).Append(';');
                return 0;
            });
        }

        var run = system.Run();
        Assert.Equal(RunOutcome.Quiescent, run.Outcome);
        var text = new StringBuilder().Append(run.Outcome).Append('\n');
        foreach (var step in run.Trace.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"{step.Step} {step.Time.Ticks} {step.From} -> {step.To}\n");
        }

        text.AppendJoin(',', run.Schedule.Choices).Append('\n').Append(results);
        return text.ToString();
    }

    [Theory]
    [InlineData("random", 1, 6, "16ee4ce373b46b12")]
    [InlineData("random", 2, 6, "2affe0bc3087a47f")]
    [InlineData("random", 3, 12, "accb73eeb2e22748")]
    [InlineData("pct", 1, 6, "637ba33e37bb80f4")]
    [InlineData("pct", 2, 6, "897d8c9abb5fabfb")]
    [InlineData("pct", 3, 12, "04b685b5e383c654")]
    [InlineData("random", 4, 90, "16371b2bf7695bec")]
    [InlineData("pct", 4, 90, "28f6d607a2b0169b")]
    [InlineData("fifo", 0, 12, "734a410da6c68005")]
    public void A_kernel_race_under_a_seed_keeps_the_trace_it_had_before_the_runtime_was_optimised(string strategy, long seed, int tasks, string expected)
    {
        Assert.Equal(expected, RaceHash(Strategy(strategy, seed), tasks));
    }
}
