// Unloading (kernel/module/main.c, CONFIG_MODULE_UNLOAD): SYSCALL delete_module — never blocks in 6.12:
// -EWOULDBLOCK while other modules use it, -EBUSY unless LIVE, an init without exit needs O_TRUNC
// (try_force_unload, taint R) — try_stop_module with try_release_module_ref's two atomics as separate
// steps, the exit function, the GOING notification and free_module; module_unload_free drops the
// references this module held on others.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class Unload
{
    /// <summary>O_NONBLOCK.</summary>
    public const int O_NONBLOCK = 0x800;

    /// <summary>O_TRUNC.</summary>
    public const int O_TRUNC = 0x200;

    private const int MODULE_NAME_LEN = 56;

    public static async Task<int> delete_module(KTask t, string name, int flags)
    {
        var span = t.Syscall("delete_module", name);
        return span.End(await delete_module_body(t, name, flags));
    }

    private static async Task<int> delete_module_body(KTask t, string name, int flags)
    {
        var k = t.Kernel;
        t.Point("delete_module");
        if (k.Config.ModulesDisabled)
            return -Errno.EPERM;
        var len = Math.Min(System.Text.Encoding.UTF8.GetByteCount(name), MODULE_NAME_LEN);
        if (len == 0 || len == MODULE_NAME_LEN)
            return -Errno.ENOENT;

        if (await t.mutex_lock_interruptible() != 0)
            return -Errno.EINTR;
        var mod = k.find_module_all(t, name, evenUnformed: false);
        int ret;
        var forced = false;
        if (mod is null)
        {
            ret = -Errno.ENOENT;
        }
        else if (mod.SourceList.Count > 0)
        {
            ret = -Errno.EWOULDBLOCK;
        }
        else if (mod.State != ModuleState.Live)
        {
            ret = -Errno.EBUSY;
        }
        else if (mod.Definition.HasInit && !mod.Definition.HasExit && !(forced = try_force_unload(t, flags)))
        {
            ret = -Errno.EBUSY;
        }
        else
        {
            t.Point("try_stop_module");
            (ret, forced) = await try_stop_module(t, mod, flags, forced);
        }
        if (ret != 0 || mod is null)
        {
            t.mutex_unlock();
            return ret;
        }
        mod.Forced = forced;
        t.mutex_unlock();

        if (mod.Definition.HasExit)
            await ModuleCode.Run(t, mod, mod.Definition.Exit);
        await ModuleNotify.blocking_notifier_call_chain(t, ModuleState.Going, mod);
        Livepatch.klp_module_going(t, mod);
        Ftrace.ftrace_release_mod(t.Kernel, mod);
        await t.Work("delete_module");
        k.LastUnloaded = (mod.Name, Taint.module_flags(mod.Taints, mod.State, showState: false));
        await free_module(t, mod);
        WaitEvent.wake_up_all(t);
        return 0;
    }

    /// <summary>try_force_unload(flags): O_TRUNC with CONFIG_MODULE_FORCE_UNLOAD taints R and forces.</summary>
    private static bool try_force_unload(KTask t, int flags)
    {
        var forced = t.Kernel.Config.ModuleForceUnload && (flags & O_TRUNC) != 0;
        if (forced)
            t.Kernel.Taint.add_taint(TaintFlag.ForcedRmmod, LockdepOk.NowUnreliable, t.Kernel.Log);
        return forced;
    }

    private static async Task<(int Ret, bool Forced)> try_stop_module(KTask t, ModuleInstance mod, int flags, bool forced)
    {
        if (await try_release_module_ref(t, mod) != 0)
        {
            forced = try_force_unload(t, flags);
            if (!forced)
                return (-Errno.EWOULDBLOCK, false);
        }
        await t.set_state(mod, ModuleState.Going);
        return (0, forced);
    }

    /// <summary>try_release_module_ref(mod): 0 when the loader's base reference was the last one.</summary>
    private static async Task<int> try_release_module_ref(KTask t, ModuleInstance mod)
    {
        var ret = await t.Call<int>(mod.Actor, new RefcntSubReturn(ModuleInstance.MODULE_REF_BASE));
        if (ret != 0)
            ret = await t.Call<bool>(mod.Actor, new RefcntAddUnless(ModuleInstance.MODULE_REF_BASE, 0)) ? 1 : 0;
        return ret;
    }

    /// <summary>free_module(mod): sysfs away, UNFORMED under the mutex, references dropped, off the list, memory freed.</summary>
    public static async Task free_module(KTask t, ModuleInstance mod)
    {
        t.Point("free_module");
        await ModSysfs.mod_sysfs_teardown(t, mod);
        await t.Work("free_module");
        await t.mutex_lock();
        await t.set_state(mod, ModuleState.Unformed);
        t.mutex_unlock();
        await module_unload_free(t, mod);
        if (Livepatch.is_livepatch_module(mod))
            Livepatch.free_module_elf(mod);
        await t.mutex_lock();
        t.Kernel.Invariants.OnFree(mod);
        AddUnformedModule.list_del(t, mod);
        await t.Work("synchronize_rcu");
        t.mutex_unlock();
        await t.Work("free_mod_mem");
        t.Context.Stop(mod.Actor);
    }

    /// <summary>module_unload_free(mod): drop the references this module holds on the modules it uses.</summary>
    public static async Task module_unload_free(KTask t, ModuleInstance mod)
    {
        await t.mutex_lock();
        foreach (var target in mod.TargetList.ToList())
        {
            await t.Call<int>(target.Actor, new ModulePut());
            await t.Call<Done>(target.Actor, new RemoveModuleUsage(mod));
            mod.TargetList.Remove(target);
        }
        t.mutex_unlock();
    }
}
