// Models kernel/module/procfs.c: m_show() and print_unload_info() render one /proc/modules line per module, in
// modules-list order (add_unformed_module() uses list_add_rcu at the head, so the newest module comes first).
// UNFORMED modules are skipped. Addresses print as "0x%px" (16 hex digits), or zero when kallsyms_show_value()
// denies the reader (the oracle shows ADDR in their place).
using System.Globalization;
using System.Text;

namespace ModActors.Kernel;

/// <summary>The /proc/modules file.</summary>
public static class Procfs
{
    /// <summary>
    /// m_show(): "name size refcnt users state 0xaddress[ (taints)]\n", e.g.
    /// "slow 20480 1 - Loading 0x0000000000000000 (OE+)\n". Size is core plus init bytes; users are "a,b," (source
    /// list order) plus "[permanent]," for a module with init but no exit, or "-". Without CONFIG_MODULE_UNLOAD the
    /// refcnt and users columns are " - -". The taint column appears only for a tainted module. Returns "" for an
    /// UNFORMED module.
    /// </summary>
    public static string m_show(ModuleSnapshot mod, bool showAddresses = false, bool moduleUnload = true)
    {
        ArgumentNullException.ThrowIfNull(mod);
        if (mod.State == ModuleState.Unformed)
            return "";

        var sb = new StringBuilder();
        uint size = unchecked(mod.CoreSize + mod.InitSize);
        sb.Append(mod.Name).Append(' ').Append(size.ToString(CultureInfo.InvariantCulture));
        print_unload_info(sb, mod, moduleUnload);
        sb.Append(' ').Append(mod.State switch
        {
            ModuleState.Going => "Unloading",
            ModuleState.Coming => "Loading",
            _ => "Live",
        });
        ulong value = showAddresses ? mod.Address : 0;
        sb.Append(" 0x").Append(value.ToString("x16", CultureInfo.InvariantCulture));
        if (mod.Taints != 0)
            sb.Append(' ').Append(Taint.module_flags(mod.Taints, mod.State, showState: true));
        sb.Append('\n');
        return sb.ToString();
    }

    private static void print_unload_info(StringBuilder sb, ModuleSnapshot mod, bool moduleUnload)
    {
        if (!moduleUnload)
        {
            sb.Append(" - -");
            return;
        }
        sb.Append(' ').Append(mod.Refcnt.ToString(CultureInfo.InvariantCulture)).Append(' ');
        bool printedSomething = false;
        foreach (string user in mod.Users)
        {
            printedSomething = true;
            sb.Append(user).Append(',');
        }
        if (mod.HasInit && !mod.HasExit)
        {
            printedSomething = true;
            sb.Append("[permanent],");
        }
        if (!printedSomething)
            sb.Append('-');
    }

    /// <summary>
    /// The whole of /proc/modules: <see cref="m_show"/> of each module, given in modules-list order (newest first).
    /// </summary>
    public static string proc_modules(IEnumerable<ModuleSnapshot> modulesInListOrder, KernelConfig config)
    {
        ArgumentNullException.ThrowIfNull(modulesInListOrder);
        ArgumentNullException.ThrowIfNull(config);
        var sb = new StringBuilder();
        foreach (ModuleSnapshot mod in modulesInListOrder)
            sb.Append(m_show(mod, config.ShowKernelAddresses, config.ModuleUnload));
        return sb.ToString();
    }
}
