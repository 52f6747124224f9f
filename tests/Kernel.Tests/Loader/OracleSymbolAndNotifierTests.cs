// Symbol resolution and the notifier chain against the real 6.12 kernel's results (../shared/oracle g, j, k and ours o, p, t):
// the 30 s resolve_symbol_wait timeout, GPL-only and namespace refusals, notifier sequences and vetoes, parameter errors.
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class OracleSymbolAndNotifierTests
{
    [Fact]
    public void Resolve_symbol_wait_gives_up_after_30_virtual_seconds_with_EBUSY_w()
    {
        var h = TestModules.All();
        h.Task("expa", Finit("/m/expa.ko", "delay_ms=34000"));
        h.Task("useb", Sleep(200), Finit("/m/useb.ko"), Finit("/m/useb.ko"));
        var run = h.Run();
        Assert.Equal(0, h.Rc("expa"));
        Assert.Equal(-Errno.EBUSY, h.Rc("useb", 1));
        Assert.Equal(0, h.Rc("useb", 2));
        Assert.Contains("useb: gave up waiting for init of module expa.", h.Log);
        Assert.Contains("useb: Unknown symbol expa_value (err -16)", h.Log);
        Timings.AssertAbout(TimeSpan.FromMilliseconds(34000), run.VirtualTime);
    }

    [Fact]
    public void A_proprietary_module_cannot_see_GPL_only_symbols_and_still_taints_P_p()
    {
        var h = TestModules.All();
        h.Task("p", Finit("/m/expa.ko"), Finit("/m/propc.ko"), Finit("/m/nsuser.ko"), Finit("/m/nsok.ko"));
        h.Run();
        Assert.Equal(new[] { 0, -Errno.ENOENT, -Errno.EINVAL, 0 }, Enumerable.Range(0, 4).Select(i => h.Rc("p", i)).ToArray());
        Assert.Contains("propc: Unknown symbol expa_gpl (err -2)", h.Log);
        Assert.Contains("propc: module license 'Proprietary' taints kernel.", h.Log);
        Assert.Contains("nsuser: module uses symbol (expa_ns) from namespace EXPA_NS, but does not import it.", h.Log);
        Assert.Contains("nsuser: Unknown symbol expa_ns (err -22)", h.Log);
        Assert.True(h.Kernel.Taint.test_taint(TaintFlag.ProprietaryModule));
        Assert.Equal("nsok 12288 0 - Live 0x0000000000000000 (OE)\nexpa 12288 1 nsok, Live 0x0000000000000000 (OE)\n", h.ProcModules());
    }

    [Fact]
    public void The_notifier_sees_its_own_LIVE_then_COMING_init_LIVE_for_a_load_and_GOING_for_a_delete_j1_to_j3()
    {
        var h = TestModules.All();
        h.Task("j", Finit("/m/notif.ko"), Finit("/m/slow.ko"), Delete("slow"));
        h.Run();
        var events = h.Log.Where(l => l.Contains(" pid=", StringComparison.Ordinal) && l.StartsWith("notif:", StringComparison.Ordinal)
                || l.StartsWith("slow:", StringComparison.Ordinal))
            .Select(l => l.Split(" pid=")[0]).ToArray();
        Assert.Equal(new[]
        {
            "notif: notif LIVE", "notif: slow COMING", "slow: init begin", "slow: init end", "notif: slow LIVE",
            "slow: exit begin", "slow: exit end", "notif: slow GOING",
        }, events);
    }

    [Fact]
    public void A_veto_fails_the_load_with_its_errno_and_the_vetoing_notifier_gets_no_GOING_j9_j10()
    {
        var h = new KernelHarness().File("/m/notif.ko", TestModules.Notif("slow")).File("/m/slow.ko", TestModules.Slow);
        h.Task("j", Finit("/m/notif.ko"), Finit("/m/slow.ko"));
        h.Run();
        Assert.Equal(-Errno.EPERM, h.Rc("j", 1));
        Assert.Equal(new[] { "notif: slow COMING", "notif: slow VETO -EPERM" },
            h.Log.Where(l => l.StartsWith("notif: slow", StringComparison.Ordinal)).Select(l => l.Split(" pid=")[0]).ToArray());
        Assert.DoesNotContain(h.Log, l => l.StartsWith("slow: init", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_parameters_fail_after_COMING_with_the_last_errno_and_GOING_follows_k19_k20_t()
    {
        var h = TestModules.All();
        h.Task("k", Finit("/m/notif.ko"), Finit("/m/slow.ko", "delay_ms=abc ret=99999999999 bogus=1"), Finit("/m/slow.ko", "nosuch=1"));
        h.Run();
        Assert.Equal(-Errno.ERANGE, h.Rc("k", 1));
        Assert.Equal(0, h.Rc("k", 2));
        var lines = h.Log.Select(l => l.Split(" pid=")[0]).ToList();
        var coming = lines.IndexOf("notif: slow COMING");
        Assert.True(coming >= 0);
        Assert.Equal(new[]
        {
            "notif: slow COMING", "slow: `abc' invalid for parameter `delay_ms'", "slow: `99999999999' invalid for parameter `ret'",
            "slow: unknown parameter 'bogus' ignored", "notif: slow GOING",
        }, lines.Skip(coming).Take(5).ToArray());
        Assert.Contains("slow: unknown parameter 'nosuch' ignored", h.Log);
    }

    [Fact]
    public void The_first_out_of_tree_unsigned_load_logs_the_taint_lines_once_per_boot()
    {
        var h = TestModules.All();
        h.Task("a", Finit("/m/expa.ko"), Finit("/m/slow.ko"));
        h.Run();
        Assert.Equal(new[]
        {
            "expa: loading out-of-tree module taints kernel.",
            "expa: module verification failed: signature and/or required key missing - tainting kernel",
        }, h.Log.Take(2).ToArray());
        Assert.Single(h.Log, l => l.Contains("out-of-tree", StringComparison.Ordinal));
        Assert.Equal(12288UL, h.Kernel.Taint.tainted_mask);
    }
}
