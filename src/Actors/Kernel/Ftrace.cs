// The ftrace hooks of the module loader (kernel/trace/ftrace.c with Debian's CONFIG_DYNAMIC_FTRACE=y):
// ftrace_module_init while the module is UNFORMED (its mcount records are read), ftrace_module_enable
// in prepare_coming_module (records enabled for the tracers running), ftrace_free_mem for the init text in
// do_init_module, ftrace_release_mod on every way out after COMING. The state a test can assert is
// mod's FtraceRecords: none, Initialized, Enabled or Released. When a tracer is registered (here: an
// enabled livepatch applied to some object, whose ftrace_ops klp registered), ftrace_free_mem keeps the
// names of the traced init functions in an ftrace_mod_map (allocate_ftrace_mod_map, save_ftrace_mod_rec;
// both list_add_rcu at the head), which /proc/kallsyms lists after every module's own symbols
// (ftrace_mod_get_kallsym, type 'T', exported) until ftrace_release_mod drops it.
namespace ModActors.Kernel;

/// <summary>Where a module's ftrace records are.</summary>
public enum FtraceRecords
{
    /// <summary>Not yet read (before ftrace_module_init).</summary>
    None,
    /// <summary>ftrace_module_init read them; not yet enabled.</summary>
    Initialized,
    /// <summary>ftrace_module_enable ran (COMING or later).</summary>
    Enabled,
    /// <summary>ftrace_release_mod dropped them.</summary>
    Released,
}

internal static class Ftrace
{
    public static void ftrace_module_init(ModuleInstance mod) => mod.Ftrace = FtraceRecords.Initialized;

    public static void ftrace_module_enable(ModuleInstance mod) => mod.Ftrace = FtraceRecords.Enabled;

    /// <summary>ftrace_free_mem for MOD_INIT_TEXT: the init text's records go, saved in a mod map if a tracer runs.</summary>
    public static void ftrace_free_mem(KernelState k, ModuleInstance mod)
    {
        if (!k.KlpPatches.Any(p => p.Objs.Any(o => o.Name is null || o.Mod is not null)) || mod.Definition.Image is not { } image)
            return;
        var funcs = new List<(string Name, ulong Ip)>();
        foreach (var (name, offset) in image.Kallsyms.FtraceInitFuncs)
            funcs.Insert(0, (name, mod.Mem[(int)Elf.ModMemType.InitText].Base + offset));
        k.FtraceModMaps.Insert(0, new FtraceModMap(mod, funcs));
    }

    public static void ftrace_release_mod(KernelState k, ModuleInstance mod)
    {
        mod.Ftrace = FtraceRecords.Released;
        var i = k.FtraceModMaps.FindIndex(m => m.Mod == mod);
        if (i >= 0)
            k.FtraceModMaps.RemoveAt(i);
    }

    /// <summary>
    /// ftrace_mod_get_kallsym's lines, as s_show prints them. Its walk of a map's funcs returns the first function for
    /// symnum 0 and 1 ("if (symnum > 1)"), so a map of n functions shows funcs[0], funcs[0], funcs[1] .. funcs[n-2].
    /// </summary>
    public static void ftrace_mod_kallsyms(KernelState k, System.Text.StringBuilder sb)
    {
        foreach (var map in k.FtraceModMaps)
        {
            for (var symnum = 0; symnum < map.Funcs.Count; symnum++)
            {
                var (name, ip) = map.Funcs[symnum == 0 ? 0 : symnum - 1];
                var value = k.Config.ShowKernelAddresses ? ip : 0;
                sb.Append(value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)).Append(" T ").Append(name)
                    .Append("\t[").Append(map.Mod.Name).Append("]\n");
            }
        }
    }
}

/// <summary>struct ftrace_mod_map: the traced init functions of a module whose init memory was freed, newest first.</summary>
internal sealed record FtraceModMap(ModuleInstance Mod, List<(string Name, ulong Ip)> Funcs);
