// Reserving a module's name on the modules list (kernel/module/main.c): add_unformed_module,
// module_patient_check_exists (wait on module_wq while a same-name module is UNFORMED or COMING, then
// -EEXIST if it is LIVE and -EBUSY otherwise, recording the duplicate in the stats) and
// finished_loading. 6.3 had the same wait here (since 6.2's "Don't wait for GOING modules"); what 6.4
// added is the earlier call from early_mod_check, before the module's memory is allocated.
using Akka.Actor;
using ModActors.Runtime;
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class AddUnformedModule
{
    /// <summary>add_unformed_module(mod): 0 with the module listed, or the duplicate's errno.</summary>
    public static async Task<int> add_unformed_module(KTask t, ModuleInstance mod)
    {
        await t.mutex_lock();
        var err = await module_patient_check_exists(t, mod.Name, FailDupModReason.Load);
        if (err == 0)
            list_add(t, mod);
        t.mutex_unlock();
        return err;
    }

    /// <summary>module_patient_check_exists(name, reason): called and returns with module_mutex held.</summary>
    public static async Task<int> module_patient_check_exists(KTask t, string name, FailDupModReason reason)
    {
        var k = t.Kernel;
        var old = k.find_module_all(t, name, evenUnformed: true);
        if (old is null)
            return 0;
        if (old.State is ModuleState.Coming or ModuleState.Unformed)
        {
            t.mutex_unlock();
            t.Point("module_patient_check_exists:wait");
            var err = await WaitEvent.wait_event_interruptible(t, () => finished_loading(t, name));
            await t.mutex_lock();
            if (err != 0)
                return err;
            old = k.find_module_all(t, name, evenUnformed: true);
        }
        if (k.Stats.try_add_failed_module(name, reason) != 0)
            k.Log.pr_warn($"Could not add fail-tracking for module: {name}");
        KernelTelemetry.DuplicateLoads.Add(1, new KeyValuePair<string, object?>("reason", reason == FailDupModReason.Becoming ? "becoming" : "load"));
        return old is { State: ModuleState.Live } ? -Errno.EEXIST : -Errno.EBUSY;
    }

    /// <summary>finished_loading(name): no module of that name, or it is LIVE or GOING.</summary>
    public static async Task<bool> finished_loading(KTask t, string name)
    {
        await t.mutex_lock();
        var mod = t.Kernel.find_module_all(t, name, evenUnformed: true);
        var ret = mod is null || mod.State is ModuleState.Live or ModuleState.Going;
        t.mutex_unlock();
        return ret;
    }

    /// <summary>list_add_rcu(&amp;mod->list, &amp;modules) and mod_tree_insert: the module and its exports become findable.</summary>
    public static void list_add(KTask t, ModuleInstance mod)
    {
        t.lockdep_assert_held();
        t.Kernel.ListAdd(mod);
        mod.Listed = true;
        t.Kernel.Symbols.Add(mod);
        t.Context.Annotate($"{mod} listed");
    }

    /// <summary>list_del_rcu(&amp;mod->list) and mod_tree_remove.</summary>
    public static void list_del(KTask t, ModuleInstance mod)
    {
        t.lockdep_assert_held();
        t.Kernel.ListDel(mod);
        t.Kernel.Invariants.OnUnlisted(mod);
        mod.Listed = false;
        t.Kernel.Symbols.Remove(mod);
        t.Context.Annotate($"{mod} unlisted");
    }
}
