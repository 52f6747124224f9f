// mod_sysfs_setup and mod_sysfs_teardown (kernel/module/sysfs.c) as far as users can see them: /sys/module/NAME
// appears (after parse_args, while the module is still COMING) and goes (in free_module); add_usage_links and
// del_usage_links put this module's name into the holders/ directory of every module it uses, under module_mutex —
// so a user shows in its target's "used by" column (source_list, from ref_module) before it shows in holders/.
// module_param_sysfs_setup creates parameters/ with each kp->perm as the file mode: sysfs's create_files WARNs
// "Attribute %s: Invalid permissions 0%o" for any bit outside 0664 and masks it off, and a NULL kp->name (a
// crafted .ko's __param entry whose name relocation is gone) fails in kstrdup_const with -ENOMEM.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class ModSysfs
{
    /// <summary>SYSFS_PREALLOC | 0664: the mode bits create_files lets through.</summary>
    private const int AllowedModeBits = 0x1000 | 0x1B4;

    public static async Task<int> mod_sysfs_setup(KTask t, ModuleInstance mod)
    {
        var err = module_param_sysfs_setup(t, mod);
        if (err != 0)
            return err;
        await t.Call<Done>(mod.Actor, new SetSysfs(true));
        await t.mutex_lock();
        foreach (var target in mod.TargetList)
            target.HolderLinks.Add(mod.Name);
        t.mutex_unlock();
        return 0;
    }

    /// <summary>module_param_sysfs_setup → add_sysfs_param → sysfs_create_group → create_files, per parameter with a perm.</summary>
    private static int module_param_sysfs_setup(KTask t, ModuleInstance mod)
    {
        var k = t.Kernel;
        foreach (var kp in mod.Kp.Table)
        {
            if (kp.Perm == 0)
                continue;
            var name = kp.Name.Length == 0 ? "(null)" : kp.Name;
            k.Log.WARN((kp.Perm & ~AllowedModeBits) != 0, $"Attribute {name}: Invalid permissions 0{Convert.ToString(kp.Perm, 8)}",
                t.Pid, "fs/sysfs/group.c:71 create_files", k.Taint);
            if (kp.Name.Length == 0)
                return -Errno.ENOMEM;
        }
        return 0;
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
