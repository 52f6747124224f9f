// The qemu-tcg timing profile against the oracle's measured syscall durations: for each kind of call, the
// durations the profile allows (every stage the call passes at its shortest and at its longest) contain every
// duration the real kernel took in the oracle's runs on an unloaded host.
using Xunit;

namespace ModActors.Kernel.Tests.Loader;

public sealed class TimingProfileTests
{
    private static readonly TimingProfile P = TimingProfile.QemuTcg;

    private static (long Min, long Max) Sum(params string[] stages) =>
        (stages.Sum(s => P[s].MinMs), stages.Sum(s => P[s].MaxMs));

    private static readonly string[] Load =
        ["kernel_read_file", "layout_and_allocate", "apply_relocations", "mod_sysfs_setup", "do_init_module", "do_init_module_free_init"];

    private static readonly string[] FreeModule = ["free_module", "synchronize_rcu", "free_mod_mem"];

    [Fact]
    public void Every_stage_of_qemu_tcg_has_a_range_and_the_oracle_runs_it_comes_from()
    {
        Assert.Equal("qemu-tcg", P.Name);
        Assert.All(TimingProfile.Stages, s =>
        {
            Assert.True(P[s].MaxMs > 0 && P[s].MinMs <= P[s].MaxMs, s);
            Assert.Matches(@"\b[a-z]{1,2} [A-Z]{1,2}\d|\bz[a-f] run", P.Sources[s]);
        });
        Assert.Equal(new StageRange(1, 5), P.MsleepOverrunPercent);
        Assert.All(TimingProfile.Stages, s => Assert.Equal(StageRange.Zero, TimingProfile.Instant[s]));
    }

    [Theory]
    [InlineData("successful finit without a sleep: f F10 noexit, j J2, k K14, u U5, n N6 slow", 16, 38)]
    [InlineData("delete_module running an exit: d D9, f F13/F15, j J3/J7, zc, i I4 refmod", 12, 73)]
    public void A_call_takes_what_the_kernel_took(string what, long measuredMin, long measuredMax)
    {
        var (min, max) = what.StartsWith("delete", StringComparison.Ordinal) ? Sum([.. FreeModule, "delete_module"]) : Sum(Load);
        Assert.True(min <= measuredMin && measuredMax <= max, $"{what}: profile {min}-{max} ms, kernel {measuredMin}-{measuredMax} ms");
    }

    [Fact]
    public void Failed_loads_after_COMING_take_their_two_synchronize_rcu_as_in_the_kernel()
    {
        // k K16-K20 (bad parameters), j J10 and t T6 (notifier veto): 51-92 ms; j J4 and u U3/U4 (init failed): 54-80 ms.
        var before = Sum("kernel_read_file", "layout_and_allocate", "apply_relocations");
        var rcu = P["synchronize_rcu"];
        Assert.InRange(51, before.Min + (2 * rcu.MinMs), before.Max + (2 * rcu.MaxMs));
        Assert.InRange(92, before.Min + (2 * rcu.MinMs), before.Max + (2 * rcu.MaxMs));
        var failedInit = Sum([.. Load[..4], "synchronize_rcu", .. FreeModule]);
        Assert.InRange(54, failedInit.Min, failedInit.Max);
        Assert.InRange(80, failedInit.Min, failedInit.Max);
    }

    [Fact]
    public void With_instant_timing_a_load_takes_exactly_its_init_sleep_and_with_qemu_tcg_longer()
    {
        var instant = Loaded(TimingProfile.Instant);
        var tcg = Loaded(TimingProfile.QemuTcg);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), instant);
        Assert.InRange(tcg.TotalMilliseconds, 1000 + 16, (1000 * 1.05) + 38);
    }

    private static TimeSpan Loaded(TimingProfile timing)
    {
        var h = new KernelHarness(KernelConfig.Debian612 with { Timing = timing }).File("/m/slow.ko", TestModules.Slow);
        h.Task("a", KernelHarness.Finit("/m/slow.ko", "delay_ms=1000"));
        return h.Run().VirtualTime;
    }
}
