// load_module (kernel/module/main.c) in 6.12's order: the image checks (ModuleImageLoader), early_mod_check's
// module_patient_check_exists, layout_and_allocate, add_unformed_module, the kernel taints, module_unload_init,
// check_export_symbol_versions, simplify_symbols, relocation, complete_formation, prepare_coming_module,
// parse_args, mod_sysfs_setup and do_init_module. A failure unwinds through the kernel's labels in reverse
// order of setup (coming_cleanup, bug_cleanup, ddebug_cleanup, free_modinfo, free_unload, unlink_mod,
// free_module, free_copy), each undo next to the stage it undoes.
using Akka.Actor;
using ModActors.Runtime;
using ModActors.Elf;
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class LoadModule
{
    private enum Unwind
    {
        FreeCopy,
        FreeModule,
        FreeUnload,
        DdebugCleanup,
        BugCleanup,
        ComingCleanup,
    }

    public static async Task<int> load_module(KTask t, LoadedImage image, string uargs, ModuleInitFlags flags)
    {
        var k = t.Kernel;
        t.Point("load_module");
        if (image.Def is not { } def)
        {
            var rej = image.Rejection!;
            if (rej.Log.Length > 0)
                k.Log.pr_err(rej.Log);
            mod_stat_bump_becoming(k, image.Len, image.CompressedLen, flags);
            return -rej.Errno;
        }

        var info = new LoadInfo(def, image.Len, image.CompressedLen, flags);
        var taints = image.Taints;
        foreach (var reason in image.ForcedReasons)
            ModuleVersion.try_to_force_load(def.Name, reason, ref taints, k.Config, k.Taint, k.Log);

        int err;
        if (k.Config.Profile == KernelProfile.Linux612)
        {
            t.Point("early_mod_check");
            await t.mutex_lock();
            err = await AddUnformedModule.module_patient_check_exists(t, def.Name, FailDupModReason.Becoming);
            t.mutex_unlock();
            if (err != 0)
                return Fail(t, info, null, Unwind.FreeCopy, err);
        }

        t.Point("layout_and_allocate");
        await t.Work("layout_and_allocate");
        var mod = layout_and_allocate(t, info, taints);

        var linux63 = k.Config.Profile == KernelProfile.Linux63;
        if (linux63)
            await ModuleTaints.module_augment_kernel_taints(t, mod, info);

        t.Point("add_unformed_module");
        err = await AddUnformedModule.add_unformed_module(t, mod);
        if (err != 0)
            return Fail(t, info, mod, Unwind.FreeModule, err);

        if (!linux63)
            await ModuleTaints.module_augment_kernel_taints(t, mod, info);

        mod.Refcnt = ModuleInstance.MODULE_REF_BASE + 1;
        t.Context.Annotate($"{mod} module_unload_init refcnt {mod.Refcnt}");

        err = check_export_symbol_versions(t, mod);
        if (err != 0)
            return await Unwinding(t, info, mod, Unwind.FreeUnload, err);

        t.Point("simplify_symbols");
        err = await Symbols.simplify_symbols(t, mod, info);
        if (err < 0)
            return await Unwinding(t, info, mod, Unwind.FreeUnload, err);
        await t.Work("apply_relocations");

        Kallsyms.add_kallsyms(mod);
        mod.Args = uargs;
        Ftrace.ftrace_module_init(mod);

        t.Point("complete_formation");
        err = await complete_formation(t, mod);
        if (err != 0)
            return await Unwinding(t, info, mod, Unwind.DdebugCleanup, err);

        t.Point("prepare_coming_module");
        err = await prepare_coming_module(t, mod);
        if (err != 0)
            return await Unwinding(t, info, mod, Unwind.BugCleanup, err);

        t.Point("parse_args");
        var args = Params.load_module_parse_args(mod.Name, uargs, mod.Kp, k.Log);
        if (args.Error != 0)
            return await Unwinding(t, info, mod, Unwind.ComingCleanup, args.Error);

        err = await ModSysfs.mod_sysfs_setup(t, mod);
        if (err < 0)
            return await Unwinding(t, info, mod, Unwind.ComingCleanup, err);
        await t.Work("mod_sysfs_setup");
        if (Livepatch.is_livepatch_module(mod))
            Livepatch.copy_module_elf(mod);
        return await DoInitModule.do_init_module(t, mod, info);
    }

    private static ModuleInstance layout_and_allocate(KTask t, LoadInfo info, ulong taints)
    {
        var k = t.Kernel;
        var mod = new ModuleInstance(k.NextModuleId(info.Name), info.Def, new ModuleParams(info.Def.Params)) { Taints = taints };
        var next = k.ModuleAreaNext;
        ModuleMemory.module_memory_alloc(ref next, mod.Mem);
        k.ModuleAreaNext = next;
        mod.SectionBases = [.. mod.Mem.Select(m => m.Base)];
        mod.Actor = t.Kernel.System.ActorOf(Props.Create(() => new ModuleActor(k, mod)), $"module-{mod}");
        return mod;
    }

    /// <summary>check_export_symbol_versions(): exports without CRCs force the load (taint F).</summary>
    private static int check_export_symbol_versions(KTask t, ModuleInstance mod)
    {
        var k = t.Kernel;
        if (!k.Config.Modversions || mod.Definition.Image is not { } image || image.Exports.All(e => e.Crc is not null))
            return 0;
        var taints = mod.Taints;
        var err = ModuleVersion.try_to_force_load(mod.Name, "no versions for exported symbols", ref taints, k.Config, k.Taint, k.Log);
        mod.Taints = taints;
        return err;
    }

    /// <summary>complete_formation(): duplicate exports are refused; the module becomes COMING.</summary>
    private static async Task<int> complete_formation(KTask t, ModuleInstance mod)
    {
        await t.mutex_lock();
        var err = Symbols.verify_exported_symbols(t, mod);
        if (err == 0)
        {
            var config = t.Kernel.Config;
            StrictRwx.module_enable_rodata_ro(config, mod, afterInit: false);
            StrictRwx.module_enable_data_nx(config, mod);
            StrictRwx.module_enable_text_rox(config, mod);
            await t.set_state(mod, ModuleState.Coming);
        }
        t.mutex_unlock();
        return err;
    }

    /// <summary>
    /// prepare_coming_module(): ftrace_module_enable, klp_module_coming (its refusal fails the load before any
    /// notifier), then the notifier chain hears COMING; a veto rolls back with GOING and klp_module_going.
    /// </summary>
    private static async Task<int> prepare_coming_module(KTask t, ModuleInstance mod)
    {
        Ftrace.ftrace_module_enable(mod);
        var err = await Livepatch.klp_module_coming(t, mod);
        if (err != 0)
            return err;
        var ret = await ModuleNotify.blocking_notifier_call_chain_robust(t, ModuleState.Coming, ModuleState.Going, mod);
        err = NotifierBlock.notifier_to_errno(ret);
        if (err != 0)
            Livepatch.klp_module_going(t, mod);
        return err;
    }

    /// <summary>mod_stat_bump_becoming(): a load failed before allocation; also the wasted-bytes metric.</summary>
    private static void mod_stat_bump_becoming(KernelState k, int len, int compressedLen, ModuleInitFlags flags)
    {
        k.Stats.mod_stat_bump_becoming(len, compressedLen, flags);
        Wasted(len + Compressed(compressedLen, flags), "becoming");
    }

    /// <summary>mod_stat_bump_invalid(): a load failed after allocation; also the wasted-bytes metric.</summary>
    private static void mod_stat_bump_invalid(KernelState k, LoadInfo info)
    {
        k.Stats.mod_stat_bump_invalid(info.Len, info.CompressedLen, info.Flags);
        Wasted(2L * info.Len + Compressed(info.CompressedLen, info.Flags), "load");
    }

    private static long Compressed(int compressedLen, ModuleInitFlags flags) =>
        (flags & ModuleInitFlags.CompressedFile) != 0 ? compressedLen : 0;

    private static void Wasted(long bytes, string kind) =>
        KernelTelemetry.WastedBytes.Add(bytes, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>The failure paths before the module was listed: nothing to unwind but the copy.</summary>
    private static int Fail(KTask t, LoadInfo info, ModuleInstance? mod, Unwind from, int err)
    {
        var k = t.Kernel;
        if (from == Unwind.FreeModule && mod is not null)
        {
            mod_stat_bump_invalid(k, info);
            t.Context.Stop(mod.Actor);
            return err;
        }
        mod_stat_bump_becoming(k, info.Len, info.CompressedLen, info.Flags);
        return err;
    }

    /// <summary>The unwinding labels of load_module, from <paramref name="from"/> down.</summary>
    private static async Task<int> Unwinding(KTask t, LoadInfo info, ModuleInstance mod, Unwind from, int err)
    {
        var k = t.Kernel;
        if (from >= Unwind.ComingCleanup)
        {
            await t.set_state(mod, ModuleState.Going);
            await ModuleNotify.blocking_notifier_call_chain(t, ModuleState.Going, mod);
            Livepatch.klp_module_going(t, mod);
        }
        if (from >= Unwind.BugCleanup)
        {
            await t.set_state(mod, ModuleState.Going);
            await t.mutex_lock();
            t.mutex_unlock();
        }
        if (from >= Unwind.DdebugCleanup)
        {
            Ftrace.ftrace_release_mod(t.Kernel, mod);
            await t.Work("synchronize_rcu");
        }
        if (from >= Unwind.FreeUnload)
            await Unload.module_unload_free(t, mod);

        await t.mutex_lock();
        AddUnformedModule.list_del(t, mod);
        WaitEvent.wake_up_all(t);
        await t.Work("synchronize_rcu");
        t.mutex_unlock();

        mod_stat_bump_invalid(k, info);
        t.Context.Stop(mod.Actor);
        return err;
    }
}
