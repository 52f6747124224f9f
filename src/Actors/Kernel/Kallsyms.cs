// A module's symbols in /proc/kallsyms (kernel/module/kallsyms.c add_kallsyms, module_get_kallsym;
// kernel/kallsyms.c s_show; kernel/ksyms_common.c kallsyms_show_value). add_kallsyms points
// mod->kallsyms at the whole symbol table once the module is relocated (post_relocation, still
// UNFORMED); do_init_module switches it to core_kallsyms under module_mutex just before the init memory
// goes. module_get_kallsym walks the modules list (newest first) under RCU, skipping UNFORMED modules, so
// a module's lines appear when complete_formation makes it COMING and vanish when free_module makes it
// UNFORMED. s_show skips nameless symbols and prints "%px %c %s\t[%s]\n": the address, or zeros when
// kallsyms_show_value denies the reader (root on Debian sees addresses: kptr_restrict=0 and CAP_SYSLOG;
// KernelConfig.ShowKernelAddresses), the type upper case when the symbol is exported (is_exported: in the
// module's non-GPL __ksymtab) and lower case otherwise. Only modules read from a real .ko have symbols.
using System.Globalization;
using System.Text;
using ModActors.Elf;

namespace ModActors.Kernel;

/// <summary>Which symbol table mod->kallsyms points at.</summary>
public enum KallsymsTable
{
    /// <summary>None yet (before add_kallsyms), or a synthetic module, which has no symbol table.</summary>
    None,
    /// <summary>The whole .symtab, kept in MOD_INIT_DATA (add_kallsyms), while the module is coming.</summary>
    Symtab,
    /// <summary>core_kallsyms in MOD_DATA, after do_init_module: init symbols gone unless the module is a livepatch.</summary>
    Core,
}

/// <summary>The module part of /proc/kallsyms.</summary>
public static class Kallsyms
{
    /// <summary>
    /// The /proc/kallsyms lines of one module, as s_show prints them: "ADDRESS T name\t[module]\n" per named
    /// symbol of <paramref name="table"/>, in symbol-table order. <paramref name="values"/> gives each symbol's
    /// address (indexed like <see cref="ModuleKallsyms.Symtab"/>), or null for zeros.
    /// </summary>
    public static string s_show(string moduleName, ModuleKallsyms symbols, KallsymsTable table, IReadOnlyList<ulong>? values)
    {
        ArgumentNullException.ThrowIfNull(moduleName);
        ArgumentNullException.ThrowIfNull(symbols);
        var list = table switch
        {
            KallsymsTable.Symtab => symbols.Symtab,
            KallsymsTable.Core => symbols.CoreSymtab,
            _ => [],
        };
        var sb = new StringBuilder();
        foreach (var sym in list)
        {
            if (sym.Name.Length == 0)
                continue;
            ulong value = values is null ? 0 : values[sym.Index];
            sb.Append(value.ToString("x16", CultureInfo.InvariantCulture)).Append(' ').Append(sym.ShownType).Append(' ')
                .Append(sym.Name).Append("\t[").Append(moduleName).Append("]\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The /proc/kallsyms lines of <paramref name="image"/> loaded alone into a fresh kernel: the whole symbol table
    /// while it is COMING (<paramref name="table"/> Symtab) or core_kallsyms once it is live; addresses as the module
    /// area at MODULES_VADDR would give them, or zeros.
    /// </summary>
    public static string module_lines(KernelModule image, KallsymsTable table, bool showAddresses)
    {
        ArgumentNullException.ThrowIfNull(image);
        var mem = ModuleMemory.For(ModuleDefinition.FromImage(image, SignatureState.Unsigned));
        var next = ModuleMemory.MODULES_VADDR;
        ModuleMemory.module_memory_alloc(ref next, mem);
        var values = image.Kallsyms.Symtab.Select(s => s.Placement is { } p ? mem[(int)p].Base + s.Offset : 0).ToArray();
        return s_show(image.Name, image.Kallsyms, table, showAddresses ? values : null);
    }

    /// <summary>
    /// /sys/module/NAME/sections/ of <paramref name="image"/> loaded alone into a fresh kernel, as ls lists it: one
    /// "NAME\t0x...\n" line per file with the text module_sect_read gives root (addresses or zeros).
    /// </summary>
    public static IEnumerable<string> module_sections(KernelModule image, bool showAddresses)
    {
        ArgumentNullException.ThrowIfNull(image);
        var mem = ModuleMemory.For(ModuleDefinition.FromImage(image, SignatureState.Unsigned));
        var next = ModuleMemory.MODULES_VADDR;
        ModuleMemory.module_memory_alloc(ref next, mem);
        return image.Kallsyms.Sections.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name + "\t" + Sysfs.module_sect_read(new SectionAttr(s.Name, mem[(int)s.Type].Base + s.Offset), showAddresses));
    }

    /// <summary>
    /// The module lines of /proc/kallsyms (module_get_kallsym over the modules list, newest first, UNFORMED
    /// skipped), then ftrace's saved init functions (get_ksymbol_ftrace_mod). The simulated kernel has no vmlinux
    /// symbols to list before them.
    /// </summary>
    internal static string proc_kallsyms(KernelState k)
    {
        var sb = new StringBuilder();
        foreach (var mod in k.Modules)
        {
            if (mod.State == ModuleState.Unformed || mod.Definition.Image is not { } image)
                continue;
            sb.Append(s_show(mod.Name, image.Kallsyms, mod.Kallsyms, k.Config.ShowKernelAddresses ? mod.KallsymsValues : null));
        }
        Ftrace.ftrace_mod_kallsyms(k, sb);
        return sb.ToString();
    }

    /// <summary>add_kallsyms(): mod->kallsyms = the whole symtab, with each symbol's address once moved.</summary>
    internal static void add_kallsyms(ModuleInstance mod)
    {
        if (mod.Definition.Image is not { } image)
            return;
        var symtab = image.Kallsyms.Symtab;
        var values = new ulong[symtab.Count];
        foreach (var sym in symtab)
        {
            if (sym.Placement is { } type)
                values[sym.Index] = mod.Mem[(int)type].Base + sym.Offset;
        }
        mod.KallsymsValues = values;
        mod.Kallsyms = KallsymsTable.Symtab;
    }

    /// <summary>do_init_module's rcu_assign_pointer(mod->kallsyms, &amp;mod->core_kallsyms).</summary>
    internal static void switch_to_core_kallsyms(ModuleInstance mod)
    {
        if (mod.Kallsyms != KallsymsTable.None)
            mod.Kallsyms = KallsymsTable.Core;
    }
}
