// Signals during the loader's interruptible waits, against the real 6.12 kernel (oracle/results/x_signal_during_waits.txt):
// a same-inode waiter returns -EINTR, a waiter in module_patient_check_exists restarts its finit_module and ends with
// EEXIST, a module waiting in resolve_symbol_wait gives up with EBUSY.
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class SignalTests
{
    private static Func<KTask, Task<(string, int)>> Kill(string target) =>
        t => global::System.Threading.Tasks.Task.FromResult(($"kill {target}", Syscalls.kill(t, target)));

    [Fact]
    public void A_signalled_same_inode_waiter_gets_EINTR_and_an_other_inode_waiter_restarts_and_gets_EEXIST_x1()
    {
        var h = TestModules.All().Copy("/m/slow.ko", "/tmp/slow2.ko");
        h.Task("x1", Finit("/m/slow.ko", "delay_ms=2000"));
        h.Task("x2", Sleep(200), Finit("/m/slow.ko"));
        h.Task("x3", Sleep(200), Finit("/tmp/slow2.ko"));
        h.Task("sig", Sleep(700), Kill("x2"), Sleep(500), Kill("x3"));
        var run = h.Run();
        Assert.Equal(0, h.Rc("x1"));
        Assert.Equal(-Errno.EINTR, h.Rc("x2", 1));
        Assert.Equal(-Errno.EEXIST, h.Rc("x3", 1));
        Timings.AssertAbout(TimeSpan.FromMilliseconds(2000), run.VirtualTime);
    }

    [Fact]
    public void A_module_signalled_in_resolve_symbol_wait_gives_up_with_EBUSY_x2()
    {
        var h = TestModules.All();
        h.Task("x5", Finit("/m/expa.ko", "delay_ms=2000"));
        h.Task("x6", Sleep(200), Finit("/m/useb.ko"));
        h.Task("sig", Sleep(800), Kill("x6"));
        h.Task("after", Sleep(2500), Delete("useb"), Delete("expa"));
        h.Run();
        Assert.Equal(0, h.Rc("x5"));
        Assert.Equal(-Errno.EBUSY, h.Rc("x6", 1));
        Assert.Contains("useb: gave up waiting for init of module expa.", h.Log);
        Assert.Contains("useb: Unknown symbol expa_value (err -16)", h.Log);
        Assert.Equal(new[] { -Errno.ENOENT, 0 }, new[] { h.Rc("after", 1), h.Rc("after", 2) });
    }

    [Fact]
    public void A_signal_for_a_task_that_is_not_running_is_ESRCH()
    {
        var h = TestModules.All();
        h.Task("sig", Kill("nobody"));
        h.Run();
        Assert.Equal(-Errno.ESRCH, h.Rc("sig"));
    }
}
