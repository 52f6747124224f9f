// Load races the real 6.12 kernel was run on (../shared/oracle results a, c, d and ours q, n): the simulator must
// return what the kernel returned.
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class OracleLoadRacesTests
{
    [Fact]
    public void Same_inode_waiters_get_the_winners_failure_and_init_runs_once_d()
    {
        var h = TestModules.All();
        foreach (var n in new[] { "d1", "d2", "d3" })
            h.Task(n, Finit("/m/slow.ko", "ret=-19"));
        h.Run();
        Assert.All(new[] { "d1", "d2", "d3" }, n => Assert.Equal(-Errno.ENODEV, h.Rc(n)));
        Assert.Single(h.Log, l => l.StartsWith("slow: init begin", StringComparison.Ordinal));
        Assert.Empty(h.Kernel.Modules());
    }

    [Fact]
    public void A_same_inode_waiters_own_params_are_never_used_d5_to_d8()
    {
        var h = TestModules.All();
        h.Task("d5", Finit("/m/slow.ko", "ret=-19 delay_ms=1000"));
        h.Task("d6", Sleep(200), Finit("/m/slow.ko", "ret=0"));
        h.Task("d7", Sleep(2000), Finit("/m/slow.ko", "ret=0 delay_ms=1000"));
        h.Task("d8", Sleep(2200), Finit("/m/slow.ko", "ret=-19"));
        h.Run();
        Assert.Equal(-Errno.ENODEV, h.Rc("d5"));
        Assert.Equal(-Errno.ENODEV, h.Rc("d6", 1));
        Assert.Equal(0, h.Rc("d7", 1));
        Assert.Equal(0, h.Rc("d8", 1));
        Assert.Equal("0\n", h.Kernel.Module("slow")!.Params.Single(p => p.Name == "ret").Shown);
        Assert.Equal("1000\n", h.Kernel.Module("slow")!.Params.Single(p => p.Name == "delay_ms").Shown);
    }

    [Fact]
    public void A_second_inode_waits_for_a_failing_first_load_then_gets_EBUSY_without_retrying_c()
    {
        var h = TestModules.All().Copy("/m/slow.ko", "/tmp/slow2.ko");
        h.Task("c1", Finit("/m/slow.ko", "ret=-5 delay_ms=1000"));
        h.Task("c2", Sleep(200), Finit("/tmp/slow2.ko", ""));
        h.Task("c3", Sleep(3000), Finit("/m/slow.ko", ""));
        var run = h.Run();
        Assert.Equal(-Errno.EIO, h.Rc("c1"));
        Assert.Equal(-Errno.EBUSY, h.Rc("c2", 1));
        Assert.Equal(0, h.Rc("c3", 1));
        Timings.AssertAbout(TimeSpan.FromMilliseconds(3000), run.VirtualTime);
    }

    [Fact]
    public void Init_module_during_a_failing_finit_gets_EBUSY_and_the_module_is_gone_c5_to_c7()
    {
        var h = TestModules.All();
        h.Task("c5", Finit("/m/slow.ko", "ret=-5 delay_ms=1000"));
        h.Task("c6", Sleep(200), Init("/m/slow.ko", ""), Delete("slow"));
        h.Run();
        Assert.Equal(-Errno.EIO, h.Rc("c5"));
        Assert.Equal(-Errno.EBUSY, h.Rc("c6", 1));
        Assert.Equal(-Errno.ENOENT, h.Rc("c6", 2));
    }

    [Fact]
    public void Four_concurrent_init_module_calls_give_one_zero_and_three_EEXIST_q()
    {
        var h = TestModules.All();
        foreach (var n in new[] { "q1", "q2", "q3", "q4" })
            h.Task(n, Init("/m/slow.ko", "delay_ms=1000"));
        h.Run();
        var rcs = new[] { "q1", "q2", "q3", "q4" }.Select(n => h.Rc(n)).Order().ToArray();
        Assert.Equal(new[] { -Errno.EEXIST, -Errno.EEXIST, -Errno.EEXIST, 0 }, rcs);
    }

    [Fact]
    public void Finit_and_init_module_of_a_live_module_get_EEXIST_a5_a6()
    {
        var h = TestModules.All();
        h.Task("a", Finit("/m/slow.ko"), Finit("/m/slow.ko"), Init("/m/slow.ko"));
        h.Run();
        Assert.Equal(new[] { 0, -Errno.EEXIST, -Errno.EEXIST }, new[] { h.Rc("a", 0), h.Rc("a", 1), h.Rc("a", 2) });
    }

    [Fact]
    public void Loading_while_the_module_runs_its_exit_gets_EBUSY_at_once_n()
    {
        var h = TestModules.All().Copy("/m/slow.ko", "/tmp/slow2.ko");
        h.Task("load", Finit("/m/slow.ko", "exit_delay_ms=1000"));
        h.Task("del", Sleep(100), Delete("slow"));
        h.Task("n1", Sleep(300), Finit("/m/slow.ko"), Finit("/tmp/slow2.ko"), Init("/m/slow.ko"));
        h.Task("n2", Sleep(1500), Finit("/m/slow.ko"));
        h.Run();
        Assert.Equal(0, h.Rc("del", 1));
        Assert.Equal(new[] { -Errno.EBUSY, -Errno.EBUSY, -Errno.EBUSY }, new[] { h.Rc("n1", 1), h.Rc("n1", 2), h.Rc("n1", 3) });
        Assert.Equal(0, h.Rc("n2", 1));
    }

    [Fact]
    public void While_loading_proc_modules_counts_init_sections_and_shows_Loading_with_the_init_reference_a()
    {
        var seen = new List<string>();
        var sys = new List<string>();
        var h = TestModules.All();
        h.Task("a", Finit("/m/slow.ko", "delay_ms=1000"));
        h.Task("look", Sleep(500), Proc(seen), Sysfs("/sys/module/slow/initstate", sys), Sysfs("/sys/module/slow/refcnt", sys));
        h.Run();
        Assert.Equal("slow 20480 1 - Loading 0x0000000000000000 (OE+)\n", seen[0]);
        Assert.Equal(new[] { "coming\n", "1\n" }, sys);
        Assert.Equal("slow 12288 0 - Live 0x0000000000000000 (OE)\n", h.ProcModules());
    }
}
