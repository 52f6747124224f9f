// module_augment_kernel_taints and module_license_taint_check (kernel/module/main.c), with
// license_is_gpl_compatible (include/linux/license.h): out-of-tree (O, its warning only while the kernel
// is not yet O-tainted), staging (C), livepatch (K), a non-GPL licence (P), test (N) and a signature that
// did not verify (E, pr_notice_once).
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class ModuleTaints
{
    public static async Task module_augment_kernel_taints(KTask t, ModuleInstance mod, LoadInfo info)
    {
        var k = t.Kernel;
        var def = mod.Definition;
        var prevTaint = k.Taint.test_taint(TaintFlag.ProprietaryModule);
        if (!def.InTree)
        {
            if (!k.Taint.test_taint(TaintFlag.OotModule))
                k.Log.pr_warn($"{mod.Name}: loading out-of-tree module taints kernel.");
            await Add(t, mod, TaintFlag.OotModule, LockdepOk.StillOk);
        }
        if (def.Staging)
        {
            await Add(t, mod, TaintFlag.Crap, LockdepOk.StillOk);
            k.Log.pr_warn($"{mod.Name}: module is from the staging directory, the quality is unknown, you have been warned.");
        }
        if (Livepatch.is_livepatch_module(mod))
        {
            await Add(t, mod, TaintFlag.Livepatch, LockdepOk.StillOk);
            k.Log.pr_notice_once("livepatch_taint", $"{mod.Name}: tainting kernel with TAINT_LIVEPATCH");
        }
        await module_license_taint_check(t, mod, def.License);
        if (def.Test)
        {
            if (!k.Taint.test_taint(TaintFlag.Test))
                k.Log.pr_warn($"{mod.Name}: loading test module taints kernel.");
            await Add(t, mod, TaintFlag.Test, LockdepOk.StillOk);
        }
        if (k.Config.ModuleSig && !info.SigOk)
        {
            k.Log.pr_notice_once("module_sig_taint",
                $"{mod.Name}: module verification failed: signature and/or required key missing - tainting kernel");
            await Add(t, mod, TaintFlag.UnsignedModule, LockdepOk.StillOk);
        }
        if (!prevTaint && k.Taint.test_taint(TaintFlag.ProprietaryModule))
            k.Log.pr_warn($"{mod.Name}: module license taints kernel.");
    }

    private static async Task module_license_taint_check(KTask t, ModuleInstance mod, string? license)
    {
        license ??= "unspecified";
        if (!license_is_gpl_compatible(license))
        {
            if (!t.Kernel.Taint.test_taint(TaintFlag.ProprietaryModule))
                t.Kernel.Log.pr_warn($"{mod.Name}: module license '{license}' taints kernel.");
            await Add(t, mod, TaintFlag.ProprietaryModule, LockdepOk.NowUnreliable);
        }
    }

    /// <summary>license_is_gpl_compatible().</summary>
    public static bool license_is_gpl_compatible(string license) => license is "GPL" or "GPL v2" or "GPL and additional rights"
        or "Dual BSD/GPL" or "Dual MIT/GPL" or "Dual MPL/GPL";

    private static Task<Done> Add(KTask t, ModuleInstance mod, TaintFlag flag, LockdepOk lockdep) =>
        t.Call<Done>(mod.Actor, new AddTaintModule(flag, lockdep));
}
