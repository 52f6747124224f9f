// Livepatch as the module loader meets it, with Debian's CONFIG_LIVEPATCH=y: kernel/module/livepatch.c
// (copy_module_elf after mod_sysfs_setup, free_module_elf in free_module) and kernel/livepatch/core.c:
// klp_enable_patch (a livepatch module's init registers its patch; the loader's side of it: the checks,
// the reference on the patch module, the symbol lookups of objects already loaded, the log lines),
// klp_module_coming (prepare_coming_module, before the COMING notifiers: refuses a module named
// "vmlinux", applies every enabled patch that has an object for the module, looking each function up in
// the module's kallsyms under module_mutex, and on failure reverts the patches before the failing one
// and refuses the module) and klp_module_going (every way out of a COMING or GOING module: reverts the
// patches that have an object for it). Log lines carry livepatch's "livepatch: " prefix. Not modelled:
// klp_mutex as a lock (its sections have no scheduling point other than module_mutex), the consistency
// transition ("'P': patching complete" comes from klp_transition_work later) and disabling a patch
// through /sys/kernel/livepatch; functions of vmlinux objects are taken as found.
namespace ModActors.Kernel;

/// <summary>klp_object: a patched object, vmlinux (Name null) or a module, and the functions replaced in it.</summary>
internal sealed class KlpObject(string? name, IReadOnlyList<string> funcs)
{
    public string? Name { get; } = name;

    public IReadOnlyList<string> Funcs { get; } = funcs;

    /// <summary>obj->mod: the loaded module the object was applied to.</summary>
    public ModuleInstance? Mod { get; set; }
}

/// <summary>klp_patch: registered by a livepatch module's init, kept on klp_patches while enabled.</summary>
internal sealed class KlpPatch(ModuleInstance mod, IReadOnlyList<KlpObject> objs)
{
    public ModuleInstance Mod { get; } = mod;

    public IReadOnlyList<KlpObject> Objs { get; } = objs;
}

internal static class Livepatch
{
    /// <summary>klp_module_coming(mod): 0, or -EINVAL when a patch cannot be applied to it or it is named vmlinux.</summary>
    public static async Task<int> klp_module_coming(KTask t, ModuleInstance mod)
    {
        var k = t.Kernel;
        if (mod.State != ModuleState.Coming)
            return -Errno.EINVAL;
        if (mod.Name == "vmlinux")
        {
            k.Log.pr_err("livepatch: vmlinux.ko: invalid module name");
            return -Errno.EINVAL;
        }
        mod.KlpAlive = true;
        foreach (var patch in k.KlpPatches)
        {
            foreach (var obj in patch.Objs)
            {
                if (obj.Name != mod.Name)
                    continue;
                obj.Mod = mod;
                var ret = await klp_init_object_loaded(t, obj);
                if (ret != 0)
                {
                    k.Log.pr_warn($"livepatch: failed to initialize patch '{patch.Mod.Name}' for module '{mod.Name}' ({ret})");
                    k.Log.pr_warn($"livepatch: patch '{patch.Mod.Name}' failed for module '{mod.Name}', refusing to load module '{mod.Name}'");
                    mod.KlpAlive = false;
                    obj.Mod = null;
                    klp_cleanup_module_patches_limited(k, mod, patch);
                    return ret;
                }
                k.Log.pr_notice($"livepatch: applying patch '{patch.Mod.Name}' to loading module '{mod.Name}'");
                break;
            }
        }
        return 0;
    }

    /// <summary>klp_module_going(mod): reverts every patch applied to the module.</summary>
    public static void klp_module_going(KTask t, ModuleInstance mod)
    {
        if (mod.State is not (ModuleState.Going or ModuleState.Coming))
            return;
        mod.KlpAlive = false;
        klp_cleanup_module_patches_limited(t.Kernel, mod, null);
    }

    private static void klp_cleanup_module_patches_limited(KernelState k, ModuleInstance mod, KlpPatch? limit)
    {
        foreach (var patch in k.KlpPatches)
        {
            if (patch == limit)
                break;
            foreach (var obj in patch.Objs)
            {
                if (obj.Name != mod.Name)
                    continue;
                k.Log.pr_notice($"livepatch: reverting patch '{patch.Mod.Name}' on unloading module '{mod.Name}'");
                obj.Mod = null;
                break;
            }
        }
    }

    /// <summary>
    /// klp_init_object_loaded: each function looked up by klp_find_object_symbol in the module's kallsyms
    /// (module_kallsyms_on_each_symbol takes module_mutex): found exactly once, or -EINVAL.
    /// </summary>
    private static async Task<int> klp_init_object_loaded(KTask t, KlpObject obj)
    {
        if (obj.Mod is not { } mod)
            return 0;
        foreach (var func in obj.Funcs)
        {
            await t.mutex_lock();
            var count = module_kallsyms_count(mod, func);
            t.mutex_unlock();
            if (count == 0)
            {
                t.Kernel.Log.pr_err($"livepatch: symbol '{func}' not found in symbol table");
                return -Errno.EINVAL;
            }
            if (count > 1)
            {
                t.Kernel.Log.pr_err($"livepatch: unresolvable ambiguity for symbol '{func}' in object '{mod.Name}'");
                return -Errno.EINVAL;
            }
        }
        return 0;
    }

    /// <summary>How many defined symbols of this name mod->kallsyms holds (a synthetic module: its exports).</summary>
    private static int module_kallsyms_count(ModuleInstance mod, string name)
    {
        if (mod.Definition.Image is not { } image)
            return mod.Definition.Exports.Count(e => e.Name == name);
        var table = mod.Kallsyms == KallsymsTable.Core ? image.Kallsyms.CoreSymtab : image.Kallsyms.Symtab;
        return table.Count(s => s.Name == name && s.Type != 'U');
    }

    /// <summary>
    /// klp_enable_patch(patch) from the init of <paramref name="mod"/>: -EINVAL unless it is a livepatch module
    /// ("module NAME is not marked as a livepatch module"); takes a reference on it (so it cannot be unloaded while
    /// the patch is enabled), resolves the objects already loaded, logs "enabling patch" and the start of the
    /// patching transition.
    /// </summary>
    public static async Task<int> klp_enable_patch(KTask t, ModuleInstance mod, IReadOnlyList<KlpObject> objs)
    {
        var k = t.Kernel;
        if (!mod.Definition.Livepatch)
        {
            k.Log.pr_err($"livepatch: module {mod.Name} is not marked as a livepatch module");
            return -Errno.EINVAL;
        }
        if (!await t.Call<bool>(mod.Actor, new Actors.TryModuleGet()))
            return -Errno.ENODEV;
        var patch = new KlpPatch(mod, objs);
        foreach (var obj in objs)
        {
            if (obj.Name is null || k.find_module_all_rcu(obj.Name, evenUnformed: false) is not { KlpAlive: true } loaded)
                continue;
            obj.Mod = loaded;
            var ret = await klp_init_object_loaded(t, obj);
            if (ret != 0)
            {
                obj.Mod = null;
                await t.Call<int>(mod.Actor, new Actors.ModulePut());
                return ret;
            }
        }
        k.KlpPatches.Add(patch);
        k.Log.pr_notice($"livepatch: enabling patch '{mod.Name}'");
        k.Log.pr_notice($"livepatch: '{mod.Name}': starting patching transition");
        return 0;
    }

    /// <summary>copy_module_elf(): a livepatch module keeps its ELF headers (mod->klp_info) after the load.</summary>
    public static void copy_module_elf(ModuleInstance mod) => mod.KlpInfo = true;

    /// <summary>free_module_elf().</summary>
    public static void free_module_elf(ModuleInstance mod) => mod.KlpInfo = false;

    /// <summary>is_livepatch_module(mod): livepatch= in .modinfo (accepted by check_modinfo_livepatch).</summary>
    public static bool is_livepatch_module(ModuleInstance mod) => mod.Definition.Livepatch;
}
