// Explicit interleaving control: a task can wait until another task reaches a named kernel point or a module reaches
// a state, and is runnable from the step where that happened.
using ModActors.Kernel;
using ModActors.Runtime;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class InterleavingControlTests
{
    private static Func<KTask, Task<(string, int)>> WaitPoint(string task, string point) =>
        async t => { await Syscalls.wait_for_point(t, task, point); return ($"wait {task} {point}", 0); };

    private static Func<KTask, Task<(string, int)>> WaitState(string module, ModuleState state) =>
        async t => { await Syscalls.wait_for_state(t, module, state); return ($"wait {module}", (int)t.Now.TotalMilliseconds); };

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    public void A_copy_loaded_once_the_first_loader_reached_add_unformed_module_waits_and_gets_EEXIST_under_any_schedule(long seed)
    {
        var h = new KernelHarness(strategy: new RandomStrategy(seed)).File("/m/slow.ko", TestModules.Slow).Copy("/m/slow.ko", "/tmp/copy.ko");
        h.Task("a", Finit("/m/slow.ko", "delay_ms=1000"));
        h.Task("b", WaitPoint("a", "add_unformed_module"), Finit("/tmp/copy.ko"));
        var run = h.Run();
        Assert.Equal(0, h.Rc("a"));
        Assert.Equal(-Errno.EEXIST, h.Rc("b", 1));
        Timings.AssertAbout(TimeSpan.FromSeconds(1), run.VirtualTime);
    }

    [Fact]
    public void A_wait_for_a_module_state_returns_when_the_module_gets_there()
    {
        var h = new KernelHarness().File("/m/slow.ko", TestModules.Slow);
        h.Task("a", Sleep(300), Finit("/m/slow.ko", "delay_ms=700"));
        h.Task("b", WaitState("slow", ModuleState.Live));
        h.Run();
        Timings.AssertAbout(TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(h.Rc("b")));
    }
}
