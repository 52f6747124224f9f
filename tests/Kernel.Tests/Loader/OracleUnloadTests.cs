// delete_module against the real 6.12 kernel's results (../shared/oracle f, g, i and ours m): it never blocks; holders
// and module users give EWOULDBLOCK even with O_TRUNC; a loading or dying module gives EBUSY; O_TRUNC forces a missing
// exit and open references (taint R).
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class OracleUnloadTests
{
    private const int O_NONBLOCK = 0x800;
    private const int O_TRUNC = 0x200;

    [Fact]
    public void Delete_during_init_is_EBUSY_whatever_the_flags_f2_to_f4()
    {
        var h = TestModules.All();
        h.Task("f1", Finit("/m/slow.ko", "delay_ms=1000"));
        h.Task("f2", Sleep(300), Delete("slow"), Delete("slow", O_NONBLOCK), Delete("slow", O_TRUNC));
        h.Run();
        Assert.Equal(new[] { -Errno.EBUSY, -Errno.EBUSY, -Errno.EBUSY }, new[] { h.Rc("f2", 1), h.Rc("f2", 2), h.Rc("f2", 3) });
        Assert.False(h.Kernel.Taint.test_taint(TaintFlag.ForcedRmmod));
    }

    [Theory]
    [InlineData("nosuchmod")]
    [InlineData("")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Deleting_an_unknown_empty_or_too_long_name_is_ENOENT_f5_to_f9(string name)
    {
        var h = TestModules.All();
        h.Task("f", Delete(name));
        h.Run();
        Assert.Equal(-Errno.ENOENT, h.Rc("f"));
    }

    [Fact]
    public void An_init_only_module_is_permanent_and_only_a_forced_delete_removes_it_with_taint_R_f10_to_f14()
    {
        var h = TestModules.All();
        var proc = new List<string>();
        h.Task("f", Finit("/m/noexit.ko"), Proc(proc), Delete("noexit"), Delete("noexit", O_NONBLOCK), Delete("noexit", O_TRUNC),
            Finit("/m/noexit.ko"));
        h.Run();
        Assert.Equal("noexit 8192 0 [permanent], Live 0x0000000000000000 (OE)\n", proc[0]);
        Assert.Equal(new[] { 0, -Errno.EBUSY, -Errno.EBUSY, 0, 0 }, new[] { h.Rc("f", 0), h.Rc("f", 2), h.Rc("f", 3), h.Rc("f", 4), h.Rc("f", 5) });
        Assert.Equal(12296UL, h.Kernel.Taint.tainted_mask);
        Assert.Contains("Disabling lock debugging due to kernel taint", h.Log);
    }

    [Fact]
    public void A_user_waits_for_its_COMING_exporter_and_then_pins_it_g1_g2()
    {
        var h = TestModules.All();
        var proc = new List<string>();
        h.Task("g1", Finit("/m/expa.ko", "delay_ms=1500"));
        h.Task("g2", Sleep(200), Finit("/m/useb.ko"), Proc(proc));
        var run = h.Run();
        Assert.Equal(0, h.Rc("g1"));
        Assert.Equal(0, h.Rc("g2", 1));
        Assert.Equal("useb 12288 0 - Live 0x0000000000000000 (OE)\nexpa 12288 1 useb, Live 0x0000000000000000 (OE)\n", proc[0]);
        Timings.AssertAbout(TimeSpan.FromMilliseconds(1500), run.VirtualTime);
    }

    [Fact]
    public void A_used_module_refuses_delete_with_EWOULDBLOCK_even_forced_g3_to_g7()
    {
        var h = TestModules.All();
        h.Task("g", Finit("/m/expa.ko"), Finit("/m/useb.ko"), Delete("expa"), Delete("expa", O_NONBLOCK), Delete("expa", O_TRUNC),
            Delete("useb"), Delete("expa"));
        h.Run();
        Assert.Equal(new[] { -Errno.EAGAIN, -Errno.EAGAIN, -Errno.EAGAIN, 0, 0 },
            Enumerable.Range(2, 5).Select(i => h.Rc("g", i)).ToArray());
        Assert.Empty(h.Kernel.Modules());
    }

    [Fact]
    public void A_user_waiting_on_a_failing_exporter_fails_with_ENOENT_and_logs_unknown_symbol_g8_g9()
    {
        var h = TestModules.All();
        h.Task("g8", Finit("/m/expa.ko", "ret=-5 delay_ms=1500"));
        h.Task("g9", Sleep(200), Finit("/m/useb.ko"));
        h.Run();
        Assert.Equal(-Errno.EIO, h.Rc("g8"));
        Assert.Equal(-Errno.ENOENT, h.Rc("g9", 1));
        Assert.Contains("useb: Unknown symbol expa_value (err -2)", h.Log);
    }

    [Fact]
    public void A_user_loaded_before_its_exporter_fails_at_once_g10_g11()
    {
        var h = TestModules.All();
        h.Task("g10", Finit("/m/useb.ko"));
        h.Task("g11", Sleep(200), Finit("/m/expa.ko"));
        var run = h.Run();
        Assert.Equal(-Errno.ENOENT, h.Rc("g10"));
        Assert.Equal(0, h.Rc("g11", 1));
    }

    [Fact]
    public void A_holder_blocks_delete_with_EWOULDBLOCK_until_it_puts_and_a_forced_delete_goes_through_i()
    {
        var h = TestModules.All();
        h.Task("i", Finit("/m/slow.ko"), Get("fd3", "slow"), Delete("slow", O_NONBLOCK), Delete("slow"), Put("fd3", "slow"),
            Delete("slow", O_NONBLOCK), Finit("/m/slow.ko"), Get("fd4", "slow"), Get("fd5", "slow"), Delete("slow", O_NONBLOCK),
            Delete("slow", O_TRUNC));
        h.Run();
        Assert.Equal(new[] { 0, 0, -Errno.EAGAIN, -Errno.EAGAIN, 0, 0, 0, 0, 0, -Errno.EAGAIN, 0 },
            Enumerable.Range(0, 11).Select(i => h.Rc("i", i)).ToArray());
        Assert.True(h.Kernel.Taint.test_taint(TaintFlag.ForcedRmmod));
    }

    [Fact]
    public void Of_two_concurrent_deletes_one_runs_the_exit_and_the_other_gets_EBUSY_at_once_m()
    {
        var h = TestModules.All();
        var proc = new List<string>();
        h.Task("load", Finit("/m/slow.ko", "exit_delay_ms=1000"));
        h.Task("m1", Sleep(100), Delete("slow"));
        h.Task("m2", Sleep(100), Delete("slow"));
        h.Task("look", Sleep(500), Proc(proc), Delete("slow", O_TRUNC));
        h.Task("late", Sleep(2000), Delete("slow"));
        h.Run();
        Assert.Equal(new[] { -Errno.EBUSY, 0 }, new[] { h.Rc("m1", 1), h.Rc("m2", 1) }.Order().ToArray());
        Assert.Equal("slow 12288 -1 - Unloading 0x0000000000000000 (OE-)\n", proc[0]);
        Assert.Equal(-Errno.EBUSY, h.Rc("look", 2));
        Assert.Equal(-Errno.ENOENT, h.Rc("late", 1));
    }
}
