// Symbol resolution of load_module (kernel/module/main.c): simplify_symbols walks the undefined symbols
// in order, logging every one it cannot resolve and returning the last error; resolve_symbol_wait retries
// resolve_symbol on module_wq for up to 30 s while the owner is still COMING (-EBUSY); resolve_symbol
// takes module_mutex, finds the symbol (GPL-only exports hidden from non-GPL modules), applies
// inherit_taint, check_version and verify_namespace_is_imported, and records the use with ref_module.
// verify_exported_symbols refuses a module exporting a symbol some other module already exports, checking
// mod->syms then mod->gpl_syms, each sorted by name as the linker leaves __ksymtab.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

/// <summary>What resolve_symbol gives back: the symbol, or no symbol (Errno 0), or an error.</summary>
internal readonly record struct ResolvedSymbol(SymbolExport? Symbol, int Errno, string Owner)
{
    public bool IsErr => Errno != 0;
}

internal static class Symbols
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> simplify_symbols(KTask t, ModuleInstance mod, LoadInfo info)
    {
        var ret = 0;
        foreach (var name in mod.Definition.Imports)
        {
            var ksym = await resolve_symbol_wait(t, mod, info, name);
            if (ksym.Symbol is not null && !ksym.IsErr)
                continue;
            if (!ksym.IsErr && name == "_GLOBAL_OFFSET_TABLE_")
                continue;
            ret = ksym.IsErr ? ksym.Errno : -Errno.ENOENT;
            t.Kernel.Log.pr_warn($"{mod.Name}: Unknown symbol {name} (err {ret})");
        }
        return ret;
    }

    public static async Task<ResolvedSymbol> resolve_symbol_wait(KTask t, ModuleInstance mod, LoadInfo info, string name)
    {
        ResolvedSymbol ksym = default;
        using var wait = t.Wait("resolve_symbol_wait", name);
        var left = await WaitEvent.wait_event_interruptible_timeout(t, async () =>
        {
            ksym = await resolve_symbol(t, mod, info, name);
            return !ksym.IsErr || ksym.Errno != -Errno.EBUSY;
        }, ResolveTimeout);
        if (left <= 0)
            t.Kernel.Log.pr_warn($"{mod.Name}: gave up waiting for init of module {ksym.Owner}.");
        return ksym;
    }

    private static async Task<ResolvedSymbol> resolve_symbol(KTask t, ModuleInstance mod, LoadInfo info, string name)
    {
        var k = t.Kernel;
        var gplok = (mod.Taints & Taint.Bit(TaintFlag.ProprietaryModule)) == 0;
        await t.mutex_lock();
        try
        {
            t.lockdep_assert_held();
            var fsa = k.Symbols.find_symbol(name, gplok);
            if (!fsa.Found)
                return new ResolvedSymbol(null, 0, "");
            var sym = fsa.Symbol!;
            var owner = fsa.Owner;
            var ownerName = owner?.Name ?? "kernel";
            if (sym.GplOnly)
                mod.UsingGplOnlySymbols = true;
            if (!inherit_taint(t, mod, owner, name))
                return new ResolvedSymbol(null, 0, ownerName);
            if (!check_version(t, mod, info, name, sym))
                return new ResolvedSymbol(null, -Errno.EINVAL, ownerName);
            var err = verify_namespace_is_imported(t, mod, sym);
            if (err != 0)
                return new ResolvedSymbol(null, err, ownerName);
            err = await ref_module(t, mod, owner);
            if (err != 0)
                return new ResolvedSymbol(null, err, ownerName);
            return new ResolvedSymbol(sym, 0, ownerName);
        }
        finally
        {
            t.mutex_unlock();
        }
    }

    private static bool inherit_taint(KTask t, ModuleInstance mod, ModuleInstance? owner, string name)
    {
        var proprietary = Taint.Bit(TaintFlag.ProprietaryModule);
        if (owner is null || (owner.Taints & proprietary) == 0)
            return true;
        if (mod.UsingGplOnlySymbols)
        {
            t.Kernel.Log.pr_err($"{mod.Name}: module using GPL-only symbols uses symbols {name} from proprietary module {owner.Name}.");
            return false;
        }
        if ((mod.Taints & proprietary) == 0)
        {
            t.Kernel.Log.pr_warn($"{mod.Name}: module uses symbols {name} from proprietary module {owner.Name}, inheriting taint.");
            mod.Taints |= proprietary;
        }
        return true;
    }

    private static bool check_version(KTask t, ModuleInstance mod, LoadInfo info, string name, SymbolExport sym)
    {
        var k = t.Kernel;
        if (!k.Config.Modversions || info.VersionsMatchAll)
            return true;
        var taints = mod.Taints;
        var ok = ModuleVersion.check_version(info.Versions, name, sym.Crc, ref taints, k.Config, k.Taint, k.Log);
        mod.Taints = taints;
        return ok;
    }

    private static int verify_namespace_is_imported(KTask t, ModuleInstance mod, SymbolExport sym)
    {
        if (string.IsNullOrEmpty(sym.Namespace) || mod.Definition.ImportNamespaces.Contains(sym.Namespace))
            return 0;
        var text = $"{mod.Name}: module uses symbol ({sym.Name}) from namespace {sym.Namespace}, but does not import it.";
        if (t.Kernel.Config.ModuleAllowMissingNamespaceImports)
        {
            t.Kernel.Log.pr_warn(text);
            return 0;
        }
        t.Kernel.Log.pr_err(text);
        return -Errno.EINVAL;
    }

    /// <summary>ref_module(a, b): a uses b; module_mutex is held.</summary>
    private static async Task<int> ref_module(KTask t, ModuleInstance a, ModuleInstance? b)
    {
        if (b is null || b.SourceList.Contains(a))
            return 0;
        var err = await strong_try_module_get(t, b);
        if (err != 0)
            return err;
        await t.Call<Done>(b.Actor, new AddModuleUsage(a));
        a.TargetList.Insert(0, b);
        return 0;
    }

    /// <summary>strong_try_module_get(mod): -EBUSY while it is COMING, -ENOENT if it cannot be pinned.</summary>
    private static async Task<int> strong_try_module_get(KTask t, ModuleInstance mod)
    {
        if (mod.State == ModuleState.Coming)
            return -Errno.EBUSY;
        return await t.Call<bool>(mod.Actor, new TryModuleGet()) ? 0 : -Errno.ENOENT;
    }

    /// <summary>verify_exported_symbols(mod): module_mutex is held.</summary>
    public static int verify_exported_symbols(KTask t, ModuleInstance mod)
    {
        t.lockdep_assert_held();
        var syms = mod.Definition.Exports;
        var ksymtabOrder = syms.Where(s => !s.GplOnly).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Concat(syms.Where(s => s.GplOnly).OrderBy(s => s.Name, StringComparer.Ordinal));
        foreach (var s in ksymtabOrder)
        {
            var fsa = t.Kernel.Symbols.find_symbol(s.Name, gplOk: true);
            if (fsa.Found)
            {
                t.Kernel.Log.pr_err($"{mod.Name}: exports duplicate symbol {s.Name} (owned by {fsa.Owner?.Name ?? "kernel"})");
                return -Errno.ENOEXEC;
            }
        }
        return 0;
    }
}
