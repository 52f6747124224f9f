// The ftrace hooks of the module loader (kernel/trace/ftrace.c with Debian's CONFIG_DYNAMIC_FTRACE=y):
// ftrace_module_init while the module is UNFORMED (its mcount records are read), ftrace_module_enable
// in prepare_coming_module (records enabled for the tracers running), ftrace_free_mem for the init text in
// do_init_module, ftrace_release_mod on every way out after COMING. The state a test can assert is
// mod's FtraceRecords: none, Initialized, Enabled or Released.
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

    /// <summary>ftrace_free_mem for MOD_INIT_TEXT: the init text's records go.</summary>
    public static void ftrace_free_mem(ModuleInstance mod) => mod.FtraceInitFreed = true;

    public static void ftrace_release_mod(ModuleInstance mod) => mod.Ftrace = FtraceRecords.Released;
}
