// Export clashes and licence inheritance against the real 6.12 kernel (oracle/results za, zb), and kmod's limit of 50
// concurrent request_module calls (oracle/results v).
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class SymbolOwnershipAndKmodTests
{
    [Fact]
    public void A_second_module_exporting_the_same_symbols_fails_ENOEXEC_even_while_the_first_is_coming_za()
    {
        var expx = TestModules.Expa with { Name = "expx" };
        var h = TestModules.All().File("/m/expx.ko", expx);
        h.Task("a", Finit("/m/expa.ko", "delay_ms=1000"));
        h.Task("b", Sleep(200), Finit("/m/expx.ko"));
        h.Run();
        Assert.Equal(0, h.Rc("a"));
        Assert.Equal(-Errno.ENOEXEC, h.Rc("b", 1));
        Assert.Contains("expx: exports duplicate symbol expa_ns (owned by expa)", h.Log);
    }

    [Fact]
    public void A_user_of_a_proprietary_exporter_inherits_its_P_taint_zb()
    {
        var h = new KernelHarness().File("/m/expa.ko", TestModules.Expa with { License = "Proprietary" }).File("/m/useb.ko", TestModules.Useb);
        h.Task("a", Finit("/m/expa.ko"), Finit("/m/useb.ko"));
        h.Run();
        Assert.Equal(new[] { 0, 0 }, new[] { h.Rc("a", 0), h.Rc("a", 1) });
        Assert.Contains("useb: module uses symbols expa_value from proprietary module expa, inheriting taint.", h.Log);
        Assert.Equal("useb 12288 0 - Live 0x0000000000000000 (POE)\nexpa 12288 1 useb, Live 0x0000000000000000 (POE)\n", h.ProcModules());
    }

    [Fact]
    public void The_51st_concurrent_request_module_waits_5_seconds_then_fails_with_ETIME_and_the_kmod_busy_warning_v()
    {
        var h = new KernelHarness();
        for (var i = 0; i < 55; i++)
        {
            h.File($"/m/busy{i}.ko", new ModuleDefinition { Name = $"busy{i}", Init = new ModuleBehaviour([new SleepAction(7000)]) });
            var name = $"busy{i}";
            h.Task($"r{i}", async t => ($"request_module {name}", await Syscalls.request_module(t, name)));
        }
        var run = h.Run();
        var results = Enumerable.Range(0, 55).Select(i => h.Rc($"r{i}")).ToList();
        Assert.Equal(50, results.Count(r => r == 0));
        Assert.Equal(5, results.Count(r => r == -Errno.ETIME));
        Assert.Equal(5, h.Log.Count(l => l.StartsWith("request_module: modprobe busy", StringComparison.Ordinal)
            && l.EndsWith("cannot be processed, kmod busy with 50 threads for more than 5 seconds now", StringComparison.Ordinal)));
        Timings.AssertAbout(TimeSpan.FromSeconds(7), run.VirtualTime);
    }
}
