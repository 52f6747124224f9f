// do_init_module's handling of init's return value and finit's flags (oracle scenario u), request_module from a
// module's init (kmod.c), and a deadlock the runtime reports.
using ModActors.Kernel;
using ModActors.Runtime;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class InitAndKmodTests
{
    [Fact]
    public void Init_returning_a_positive_value_loads_with_the_kernels_warning_u()
    {
        var h = TestModules.All();
        h.Task("u", Finit("/m/slow.ko", "ret=1"));
        h.Run();
        Assert.Equal(0, h.Rc("u"));
        Assert.Contains("do_init_module: 'slow'->init suspiciously returned 1, it should follow 0/-E convention", h.Log);
        Assert.Contains("do_init_module: loading module anyway...", h.Log);
    }

    [Fact]
    public void Init_returning_any_negative_number_reaches_user_space_as_is_u()
    {
        var h = TestModules.All();
        h.Task("u", Finit("/m/slow.ko", "ret=-1000"), Finit("/m/slow.ko", "ret=-512"));
        h.Run();
        Assert.Equal(new[] { -1000, -512 }, new[] { h.Rc("u", 0), h.Rc("u", 1) });
    }

    [Fact]
    public void Ignoring_vermagic_forces_the_load_with_taint_F_u()
    {
        var h = TestModules.All();
        h.Task("u", Finit("/m/slow.ko", "", 2));
        h.Run();
        Assert.Equal(0, h.Rc("u"));
        Assert.Contains("slow: bad vermagic: kernel tainted.", h.Log);
        Assert.Equal("slow 12288 0 - Live 0x0000000000000000 (FOE)\n", h.ProcModules());
        Assert.Equal(12290UL, h.Kernel.Taint.tainted_mask);
    }

    [Fact]
    public void A_module_requesting_another_in_its_init_loads_it_and_its_dependency_through_modprobe()
    {
        var h = TestModules.All();
        var requester = new ModuleDefinition
        {
            Name = "req",
            Init = new ModuleBehaviour([new RequestModuleAction("useb"), new GetAction("useb")]),
            Exit = new ModuleBehaviour([new PutAction("useb")]),
        };
        h.File("/m/req.ko", requester);
        h.Task("a", Finit("/m/req.ko"), Delete("useb"), Delete("req"), Delete("useb"));
        h.Run();
        Assert.Equal(new[] { 0, -Errno.EAGAIN, 0, 0 }, Enumerable.Range(0, 4).Select(i => h.Rc("a", i)).ToArray());
        Assert.Equal(new[] { "expa" }, h.Kernel.Modules().Select(m => m.Name).ToArray());
    }

    [Fact]
    public void A_module_whose_init_requests_itself_deadlocks_and_the_runtime_names_the_cycle()
    {
        var h = new KernelHarness().File("/m/self.ko", new ModuleDefinition
        {
            Name = "self",
            Init = new ModuleBehaviour([new RequestModuleAction("self")]),
        });
        h.Task("a", Finit("/m/self.ko"));
        var run = h.System.Run();
        Assert.Equal(RunOutcome.Deadlock, run.Outcome);
        var cycle = run.Deadlock!.Cycle;
        Assert.Contains("a", cycle);
        Assert.Contains(cycle, p => p.StartsWith("modprobe-", StringComparison.Ordinal));
    }
}
