// request_module (kernel/module/kmod.c __request_module and call_modprobe): bound by kmod_concurrent_max,
// it starts the user-space modprobe ("modprobe -q -- NAME") as a new task and, for a waiting request,
// returns its wait status (exit code << 8). The user-space side is Main/Modprobe.cs.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class Kmod
{
    private const int MODULE_NAME_LEN = 56;
    private static readonly TimeSpan MaxKmodAllBusyTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> request_module(KTask t, string name, bool wait = true)
    {
        var span = t.Syscall("request_module", name);
        return span.End(await request_module_body(t, name, wait));
    }

    private static async Task<int> request_module_body(KTask t, string name, bool wait)
    {
        var k = t.Kernel;
        t.Point("request_module");
        if (name.Length >= MODULE_NAME_LEN)
            return -Errno.ENAMETOOLONG;
        int ret;
        using (t.Wait("kmod_concurrent_max"))
            ret = await t.Call<int>(k.Kmod, new KmodDown(k.NextId(), MaxKmodAllBusyTimeout));
        if (ret != 0)
        {
            k.Log.pr_warn($"request_module: modprobe {name} cannot be processed, kmod busy with {KmodSemaphore.MAX_KMOD_CONCURRENT} threads for more than {(int)MaxKmodAllBusyTimeout.TotalSeconds} seconds now");
            return ret;
        }
        try
        {
            return await call_modprobe(t, name, wait);
        }
        finally
        {
            t.Tell(k.Kmod, new KmodUp());
        }
    }

    private static async Task<int> call_modprobe(KTask t, string name, bool wait)
    {
        var k = t.Kernel;
        var helper = SimKernel.SpawnTask(k, $"modprobe-{k.NextId()}", async m => await Modprobe.modprobe(m, name));
        if (!wait)
            return 0;
        using var waitModprobe = t.Wait("modprobe");
        var exited = await t.Call<ProgramExited>(helper.Actor, new AwaitExit());
        return exited.Code << 8;
    }
}
