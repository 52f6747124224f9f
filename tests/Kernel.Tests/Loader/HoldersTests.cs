// /sys/module/NAME/holders/: a user's link appears in mod_sysfs_setup (add_usage_links), after its ref_module has
// already put it in the "used by" column of /proc/modules, and goes in its mod_sysfs_teardown.
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class HoldersTests
{
    [Fact]
    public void A_user_is_in_used_by_before_it_is_in_holders_and_leaves_holders_when_unloaded()
    {
        var h = TestModules.All();
        var proc = new List<string>();
        var holders = new List<string>();
        h.Task("a", Finit("/m/expa.ko"), Finit("/m/useb.ko"), Sysfs("/sys/module/expa/holders", holders), Delete("useb"),
            Sysfs("/sys/module/expa/holders", holders));
        h.Task("look", async t => { await Syscalls.wait_for_state(t, "useb", ModuleState.Coming); return ("wait", 0); },
            Proc(proc), Sysfs("/sys/module/expa/holders", holders));
        h.Run();
        Assert.Contains("expa 12288 1 useb, Live", proc[0], StringComparison.Ordinal);
        Assert.Equal(new[] { "", "useb\n", "" }, holders);
    }
}
