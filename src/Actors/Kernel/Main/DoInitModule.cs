// do_init_module (kernel/module/main.c): run the module's init in the loading task; on a negative
// return, GOING, drop the init reference, notify GOING, klp_module_going, ftrace_release_mod,
// free_module and wake module_wq; a positive return is warned about and treated as success; on success
// LIVE, notify LIVE, ftrace_free_mem of the init text, then under module_mutex drop the initial
// reference, switch kallsyms to the core table, make ro_after_init read-only and free the init
// memory (FreeInitMemory), and wake module_wq.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class DoInitModule
{
    public static async Task<int> do_init_module(KTask t, ModuleInstance mod, LoadInfo info)
    {
        var k = t.Kernel;
        t.Point("do_init_module");
        var totalSize = mod.CoreSize + mod.InitSize;
        var ret = mod.Definition.HasInit ? await ModuleCode.Run(t, mod, mod.Definition.Init) : 0;
        if (ret < 0)
        {
            await t.set_state(mod, ModuleState.Going);
            await t.Work("synchronize_rcu");
            await t.Call<int>(mod.Actor, new ModulePut());
            await ModuleNotify.blocking_notifier_call_chain(t, ModuleState.Going, mod);
            Livepatch.klp_module_going(t, mod);
            Ftrace.ftrace_release_mod(t.Kernel, mod);
            await Unload.free_module(t, mod);
            WaitEvent.wake_up_all(t);
            return (int)ret;
        }
        if (ret > 0)
        {
            k.Log.pr_warn($"do_init_module: '{mod.Name}'->init suspiciously returned {ret}, it should follow 0/-E convention");
            k.Log.pr_warn("do_init_module: loading module anyway...");
        }

        await t.set_state(mod, ModuleState.Live);
        await ModuleNotify.blocking_notifier_call_chain(t, ModuleState.Live, mod);
        await t.Work("do_init_module");

        Ftrace.ftrace_free_mem(k, mod);
        await t.mutex_lock();
        await t.Call<int>(mod.Actor, new ModulePut());
        await t.Call<Done>(mod.Actor, new FreeInitMemory());
        await t.Work("do_init_module_free_init");
        t.mutex_unlock();
        WaitEvent.wake_up_all(t);

        k.Stats.mod_stat_add_long(totalSize, ModStatCounter.TotalModSize);
        k.Stats.mod_stat_inc(ModStatCounter.Modcount);
        return 0;
    }
}
