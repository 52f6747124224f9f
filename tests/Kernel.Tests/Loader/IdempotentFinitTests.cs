// finit_module of one inode by several tasks at once (idempotent_init_module): the oracle's scenario a.
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class IdempotentFinitTests
{
    [Fact]
    public void Four_concurrent_loaders_of_one_inode_all_return_the_winners_zero_and_init_runs_once()
    {
        var h = new KernelHarness().File("/m/slow.ko", Slow());
        foreach (var name in new[] { "a1", "a2", "a3", "a4" })
            h.Task(name, Finit("/m/slow.ko"));
        var run = h.Run();

        Assert.All(new[] { "a1", "a2", "a3", "a4" }, n => Assert.Equal(0, h.Rc(n)));
        Assert.Single(h.Kernel.Log.Texts(), l => l.StartsWith("slow: init begin", StringComparison.Ordinal));
        Assert.Equal("slow 12288 0 - Live 0x0000000000000000 (OE)\n", h.ProcModules());
        Timings.AssertAbout(TimeSpan.FromSeconds(1), run.VirtualTime);
    }

    [Fact]
    public void A_later_finit_of_a_live_module_gets_EEXIST()
    {
        var h = new KernelHarness().File("/m/slow.ko", Slow(delayMs: 10));
        h.Task("a", Finit("/m/slow.ko"), Finit("/m/slow.ko"));
        h.Run();
        Assert.Equal(0, h.Rc("a", 0));
        Assert.Equal(-Errno.EEXIST, h.Rc("a", 1));
    }
}
