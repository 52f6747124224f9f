// The 6.3 profile against 6.12 (what the 6.4/6.5 changes bought), and invariants under many schedules.
using ModActors.Kernel;
using ModActors.Runtime;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class ProfileAndExplorationTests
{
    private static KernelHarness ConcurrentLoads(KernelConfig config, int loaders, bool sameInode, ISchedulingStrategy? strategy = null)
    {
        var h = new KernelHarness(config, strategy).File("/m/slow.ko", TestModules.Slow);
        for (var i = 0; i < loaders; i++)
        {
            var path = "/m/slow.ko";
            if (!sameInode && i > 0)
            {
                path = $"/tmp/slow{i}.ko";
                h.Copy("/m/slow.ko", path);
            }
            h.Task($"l{i}", Finit(path, "delay_ms=1000"));
        }
        return h;
    }

    [Fact]
    public void In_6_12_concurrent_loaders_of_one_inode_all_get_0_and_nothing_is_wasted()
    {
        var h = ConcurrentLoads(KernelConfig.Debian612 with { ModuleStats = true }, 50, sameInode: true);
        h.Run();
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(0, h.Rc($"l{i}")));
        Assert.Equal(0, h.Kernel.Stats.failed_load_modules + h.Kernel.Stats.failed_becoming);
    }

    [Fact]
    public void In_6_3_concurrent_loaders_of_one_inode_each_allocate_and_the_losers_get_EEXIST()
    {
        var h = ConcurrentLoads(KernelConfig.Linux63 with { ModuleStats = true }, 50, sameInode: true);
        h.Run();
        Assert.Equal(1, Enumerable.Range(0, 50).Count(i => h.Rc($"l{i}") == 0));
        Assert.Equal(49, Enumerable.Range(0, 50).Count(i => h.Rc($"l{i}") == -Errno.EEXIST));
        Assert.Equal(49, h.Kernel.Stats.failed_load_modules);
        Assert.True(h.Kernel.Stats.invalid_mod_bytes > 0);
    }

    [Fact]
    public void In_6_12_distinct_inodes_are_refused_by_name_and_mostly_before_allocation_when_kernel_work_is_instant()
    {
        var h = ConcurrentLoads(KernelConfig.Debian612 with { ModuleStats = true, Timing = TimingProfile.Instant }, 10, sameInode: false);
        h.Run();
        Assert.Equal(9, Enumerable.Range(0, 10).Count(i => h.Rc($"l{i}") == -Errno.EEXIST));
        Assert.Equal(9, h.Kernel.Stats.failed_becoming + h.Kernel.Stats.failed_load_modules);
        Assert.True(h.Kernel.Stats.failed_becoming > h.Kernel.Stats.failed_load_modules);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Load_unload_and_holder_races_keep_every_invariant_under_200_schedules(string strategy)
    {
        for (var seed = 0; seed < 200; seed++)
        {
            ISchedulingStrategy s = strategy == "pct" ? new PctStrategy(seed, 3, 400) : new RandomStrategy(seed);
            var h = TestModules.All(strategy: s).Copy("/m/expa.ko", "/tmp/expa2.ko");
            h.Task("a", Finit("/m/expa.ko", "delay_ms=10"), Finit("/m/useb.ko"), Delete("useb"), Delete("expa"));
            h.Task("b", Finit("/tmp/expa2.ko"), Get("fd", "expa"), Delete("expa", 0x800), Put("fd", "expa"));
            h.Task("c", Finit("/m/useb.ko"), Delete("useb"), Finit("/m/expa.ko"));
            var run = h.System.Run();
            Assert.True(run.Outcome == RunOutcome.Quiescent, $"seed {seed}: {run}");
            Assert.Null(h.Kernel.CheckAtEnd());
            var expa = h.Kernel.Module("expa");
            Assert.True(expa is null || expa.Refcnt >= 0, $"seed {seed}");
        }
    }

    [Fact]
    public void The_first_300_dfs_schedules_of_a_delete_racing_a_holder_all_end_in_one_of_the_kernels_two_outcomes()
    {
        var dfs = new DfsStrategy(maxSchedules: 300);
        var runs = 0;
        do
        {
            var h = new KernelHarness(strategy: dfs).File("/m/slow.ko", TestModules.Slow);
            h.Task("load", Finit("/m/slow.ko"), Delete("slow"));
            h.Task("get", Get("fd", "slow"));
            var run = h.System.Run();
            Assert.True(run.Outcome == RunOutcome.Quiescent, run.ToString());
            var outcome = (h.Rc("load", 1), h.Rc("get"));
            Assert.Contains(outcome, new[] { (-Errno.EAGAIN, 0), (0, -Errno.ENOENT) });
            runs++;
        }
        while (dfs.NextSchedule());
        Assert.Equal(300, runs);
        Assert.False(dfs.Exhausted);
    }
}
