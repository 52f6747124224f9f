// kernel/module/strict_rwx.c with CONFIG_STRICT_MODULE_RWX=y (Debian) and rodata_enabled (the default
// rodata=on): module_enable_text_rox, module_enable_rodata_ro and module_enable_data_nx as
// complete_formation calls them before the module turns COMING, and module_enable_rodata_ro(mod, true)
// for MOD_RO_AFTER_INIT in do_init_module. module_set_memory skips a type that has no memory. None of
// this is visible in /proc or /sys; it is the state ModuleSnapshot.Memory shows a test.
using ModActors.Elf;

namespace ModActors.Kernel;

internal static class StrictRwx
{
    private static readonly ModMemType[] Text = [ModMemType.Text, ModMemType.InitText];

    private static readonly ModMemType[] Data =
        [ModMemType.Data, ModMemType.Rodata, ModMemType.RoAfterInit, ModMemType.InitData, ModMemType.InitRodata];

    /// <summary>module_enable_text_rox(): text read-only and executable (set_memory_x alone without strict RWX).</summary>
    public static int module_enable_text_rox(KernelConfig config, ModuleInstance mod)
    {
        foreach (var type in Text)
        {
            module_set_memory(mod, type, m =>
            {
                if (config.StrictModuleRwx)
                    m.Writable = false;
                m.Executable = true;
            });
        }
        return 0;
    }

    /// <summary>module_enable_rodata_ro(): MOD_RODATA and MOD_INIT_RODATA read-only; MOD_RO_AFTER_INIT too once init ran.</summary>
    public static int module_enable_rodata_ro(KernelConfig config, ModuleInstance mod, bool afterInit)
    {
        if (!config.StrictModuleRwx)
            return 0;
        module_set_memory(mod, ModMemType.Rodata, set_memory_ro);
        module_set_memory(mod, ModMemType.InitRodata, set_memory_ro);
        if (afterInit)
            module_set_memory(mod, ModMemType.RoAfterInit, set_memory_ro);
        return 0;
    }

    /// <summary>module_enable_data_nx(): every data type not executable.</summary>
    public static int module_enable_data_nx(KernelConfig config, ModuleInstance mod)
    {
        if (!config.StrictModuleRwx)
            return 0;
        foreach (var type in Data)
            module_set_memory(mod, type, m => m.Executable = false);
        return 0;
    }

    private static void set_memory_ro(ModuleMemory m) => m.Writable = false;

    private static void module_set_memory(ModuleInstance mod, ModMemType type, Action<ModuleMemory> set)
    {
        var m = mod.Mem[(int)type];
        if (m.Allocated)
            set(m);
    }
}
