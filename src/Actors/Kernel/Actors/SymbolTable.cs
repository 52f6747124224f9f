// The kernel's exported-symbol tables (kernel/module/main.c find_symbol): vmlinux's __ksymtab and
// __ksymtab_gpl first, then each module on the modules list, newest first, skipping UNFORMED ones; a
// GPL-only table is skipped for a caller that may not use GPL-only symbols. Modules' exports enter when
// add_unformed_module lists them and leave when free_module or the load's unwinding unlists them.
// Callers hold module_mutex, as find_symbol requires.
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>find_symbol(): answered with <see cref="SymbolLookup"/>.</summary>
internal sealed record FindSymbol(string Name, bool GplOk);

/// <summary>What find_symbol found: Found false, or the export and its owner (null for vmlinux).</summary>
internal sealed record SymbolLookup(bool Found, SymbolExport? Symbol, ModuleInstance? Owner)
{
    public static SymbolLookup NotFound { get; } = new(false, null, null);
}

/// <summary>A module's exports become searchable (list_add_rcu onto the modules list).</summary>
internal sealed record AddModuleExports(ModuleInstance Module);

/// <summary>A module's exports stop being searchable (list_del_rcu).</summary>
internal sealed record RemoveModuleExports(ModuleInstance Module);

/// <summary>The actor behind the kernel's symbol tables.</summary>
internal sealed class SymbolTable : ReceiveActor
{
    private readonly Dictionary<string, List<(ModuleInstance Owner, SymbolExport Symbol)>> byName = new(StringComparer.Ordinal);

    public SymbolTable(KernelSymbols vmlinux)
    {
        Receive<FindSymbol>(m => Sender.Tell(Find(vmlinux, m.Name, m.GplOk), Self));
        Receive<AddModuleExports>(m =>
        {
            foreach (var sym in m.Module.Definition.Exports)
            {
                if (!byName.TryGetValue(sym.Name, out var owners))
                    byName[sym.Name] = owners = [];
                owners.Insert(0, (m.Module, sym));
            }
        });
        Receive<RemoveModuleExports>(m =>
        {
            foreach (var sym in m.Module.Definition.Exports)
            {
                if (byName.TryGetValue(sym.Name, out var owners))
                {
                    owners.RemoveAll(o => o.Owner == m.Module);
                    if (owners.Count == 0)
                        byName.Remove(sym.Name);
                }
            }
        });
    }

    private SymbolLookup Find(KernelSymbols vmlinux, string name, bool gplOk)
    {
        if (vmlinux.Find(name) is { } k && (gplOk || !k.GplOnly))
            return new SymbolLookup(true, k, null);
        if (!byName.TryGetValue(name, out var owners))
            return SymbolLookup.NotFound;
        foreach (var (owner, sym) in owners)
        {
            if (owner.State == ModuleState.Unformed || (!gplOk && sym.GplOnly))
                continue;
            return new SymbolLookup(true, sym, owner);
        }
        return SymbolLookup.NotFound;
    }
}
