// The read-only view of one struct module (include/linux/module.h) that /proc/modules (procfs.c m_show) and
// /sys/module/NAME (sysfs.c, main.c modinfo_attrs, params.c) are rendered from. The module actor produces it;
// the renderers never see the live module.
namespace ModActors.Kernel;

/// <summary>enum module_state (include/linux/module.h MODULE_STATE_*), with the kernel's numbering.</summary>
public enum ModuleState
{
    /// <summary>MODULE_STATE_LIVE: normal state.</summary>
    Live = 0,
    /// <summary>MODULE_STATE_COMING: fully formed, running module_init.</summary>
    Coming = 1,
    /// <summary>MODULE_STATE_GOING: going away.</summary>
    Going = 2,
    /// <summary>MODULE_STATE_UNFORMED: still being set up (or being freed); invisible to /proc and /sys.</summary>
    Unformed = 3,
}

/// <summary>One module parameter as /sys/module/NAME/parameters shows it.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Perm">Its sysfs mode (0 = not in sysfs).</param>
/// <param name="Shown">What a read returns (the param_get_* text, e.g. "5\n", "Y\n", "(null)\n").</param>
public sealed record ParamSnapshot(string Name, int Perm, string Shown);

/// <summary>One /sys/module/NAME/sections file: the section's name and its address (sh_addr after move_module).</summary>
/// <param name="Name">The section name.</param>
/// <param name="Address">Where it was loaded.</param>
public sealed record SectionAttr(string Name, ulong Address);

/// <summary>A read-only snapshot of one module, taken by its actor at one instant.</summary>
public sealed record ModuleSnapshot
{
    /// <summary>mod->name.</summary>
    public required string Name { get; init; }

    /// <summary>mod->state.</summary>
    public required ModuleState State { get; init; }

    /// <summary>
    /// Bytes of the core memory types (MOD_TEXT, MOD_DATA, MOD_RODATA, MOD_RO_AFTER_INIT): /sys/module/NAME/coresize.
    /// </summary>
    public uint CoreSize { get; init; }

    /// <summary>
    /// Bytes of the init memory types (MOD_INIT_TEXT, MOD_INIT_DATA, MOD_INIT_RODATA): /sys/module/NAME/initsize.
    /// do_init_module() sets them to 0 when it frees init memory, so a live module shows 0.
    /// </summary>
    public uint InitSize { get; init; }

    /// <summary>What module_refcount() returns: refcnt - MODULE_REF_BASE (1 while init runs, from the init reference).</summary>
    public int Refcnt { get; init; }

    /// <summary>Names of the modules using this one, in mod->source_list order (the "used by" column).</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>
    /// Names linked in /sys/module/NAME/holders. A user's link is made by its own mod_sysfs_setup()
    /// (add_usage_links), later than its source_list entry, and removed at its teardown; null means "same as
    /// <see cref="Users"/>".
    /// </summary>
    public IReadOnlyList<string>? Holders { get; init; }

    /// <summary>mod->init != NULL.</summary>
    public bool HasInit { get; init; } = true;

    /// <summary>mod->exit != NULL. A module with init and no exit shows "[permanent]," in /proc/modules.</summary>
    public bool HasExit { get; init; } = true;

    /// <summary>mod->taints: bit n for <see cref="TaintFlag"/> n.</summary>
    public ulong Taints { get; init; }

    /// <summary>mod->mem[MOD_TEXT].base, printed by /proc/modules when kernel pointers may be shown.</summary>
    public ulong Address { get; init; }

    /// <summary>
    /// Whether /sys/module/NAME is registered: from mod_sysfs_setup() (after parse_args, still COMING) until
    /// mod_sysfs_teardown() in free_module() (still GOING). Ignored for an UNFORMED module, which has no directory.
    /// </summary>
    public bool SysfsRegistered { get; init; } = true;

    /// <summary>Whether /sys/module/NAME/sections exists (CONFIG_KALLSYMS and at least one loaded section: always on Debian).</summary>
    public bool HasSectionsDir { get; init; } = true;

    /// <summary>Whether /sys/module/NAME/notes exists (the module has SHT_NOTE sections: every real module does).</summary>
    public bool HasNotesDir { get; init; } = true;

    /// <summary>The module's parameters in kernel_param order (all of them; sysfs shows those with Perm != 0).</summary>
    public IReadOnlyList<ParamSnapshot> Params { get; init; } = [];

    /// <summary>.modinfo version=, shown as /sys/module/NAME/version when present.</summary>
    public string? Version { get; init; }

    /// <summary>.modinfo srcversion=, shown as /sys/module/NAME/srcversion when present.</summary>
    public string? SrcVersion { get; init; }

    /// <summary>mod->mem[] in mod_mem_type order: sizes and the page protections strict_rwx.c set.</summary>
    public IReadOnlyList<ModuleMemorySnapshot> Memory { get; init; } = [];

    /// <summary>The entries of /sys/module/NAME/sections (the sections add_sect_attrs made; none for a synthetic module).</summary>
    public IReadOnlyList<SectionAttr> Sections { get; init; } = [];

    /// <summary>mod->klp_alive: klp_module_coming ran, klp_module_going has not.</summary>
    public bool KlpAlive { get; init; }

    /// <summary>mod->klp_info is held (copy_module_elf of a livepatch module, until free_module_elf).</summary>
    public bool KlpInfo { get; init; }

    /// <summary>Where ftrace has the module's records.</summary>
    public FtraceRecords Ftrace { get; init; }

    /// <summary>Which table mod->kallsyms points at.</summary>
    public KallsymsTable Kallsyms { get; init; }
}
