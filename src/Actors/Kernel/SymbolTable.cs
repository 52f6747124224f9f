// The kernel's exported-symbol tables (kernel/module/main.c find_symbol): vmlinux's __ksymtab and
// __ksymtab_gpl first, then each module on the modules list, newest first, skipping UNFORMED ones; a
// GPL-only table is skipped for a caller that may not use GPL-only symbols. A module's exports enter
// when add_unformed_module lists it (list_add_rcu) and leave when free_module or the load's unwinding
// unlists it. Callers hold module_mutex, as find_symbol requires, so lookups and updates are plain
// loads and stores, not scheduling points; an index by name replaces the kernel's walk of every
// module's tables.
namespace ModActors.Kernel;

/// <summary>What find_symbol found: Found false, or the export and its owner (null for vmlinux).</summary>
internal readonly record struct SymbolLookup(bool Found, SymbolExport? Symbol, ModuleInstance? Owner);

internal sealed class SymbolTable(KernelSymbols vmlinux)
{
    private readonly Dictionary<string, List<(ModuleInstance Owner, SymbolExport Symbol)>> byName = new(StringComparer.Ordinal);

    /// <summary>find_symbol(): the first match for <paramref name="name"/>.</summary>
    public SymbolLookup find_symbol(string name, bool gplOk)
    {
        if (vmlinux.Find(name) is { } k && (gplOk || !k.GplOnly))
            return new SymbolLookup(true, k, null);
        if (!byName.TryGetValue(name, out var owners))
            return default;
        foreach (var (owner, sym) in owners)
        {
            if (owner.State == ModuleState.Unformed || (!gplOk && sym.GplOnly))
                continue;
            return new SymbolLookup(true, sym, owner);
        }
        return default;
    }

    /// <summary>The module went onto the modules list: its exports are searched first from now on.</summary>
    public void Add(ModuleInstance module)
    {
        foreach (var sym in module.Definition.Exports)
        {
            if (!byName.TryGetValue(sym.Name, out var owners))
                byName[sym.Name] = owners = [];
            owners.Insert(0, (module, sym));
        }
    }

    /// <summary>The module left the modules list.</summary>
    public void Remove(ModuleInstance module)
    {
        foreach (var sym in module.Definition.Exports)
        {
            if (byName.TryGetValue(sym.Name, out var owners))
            {
                owners.RemoveAll(o => o.Owner == module);
                if (owners.Count == 0)
                    byName.Remove(sym.Name);
            }
        }
    }
}
