// mod_sysfs_setup and mod_sysfs_teardown (kernel/module/sysfs.c) as far as users can see them: /sys/module/NAME
// appears (after parse_args, while the module is still COMING) and goes (in free_module); add_usage_links and
// del_usage_links put this module's name into the holders/ directory of every module it uses, under module_mutex —
// so a user shows in its target's "used by" column (source_list, from ref_module) before it shows in holders/.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class ModSysfs
{
    public static async Task mod_sysfs_setup(KTask t, ModuleInstance mod)
    {
        await t.Call<Done>(mod.Actor, new SetSysfs(true));
        await t.mutex_lock();
        foreach (var target in mod.TargetList)
            target.HolderLinks.Add(mod.Name);
        t.mutex_unlock();
    }

    public static async Task mod_sysfs_teardown(KTask t, ModuleInstance mod)
    {
        await t.mutex_lock();
        foreach (var target in mod.TargetList)
            target.HolderLinks.Remove(mod.Name);
        t.mutex_unlock();
        await t.Call<Done>(mod.Actor, new SetSysfs(false));
    }
}
