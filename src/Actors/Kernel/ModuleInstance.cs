// struct module (include/linux/module.h) of one loaded or loading module: the fields the module
// subsystem reads and writes. The module's actor (Actors/ModuleActor.cs) performs every write and every
// atomic operation on it; tasks read fields directly, as the kernel's plain loads do, under the lock the
// kernel holds for that read (module_mutex for the modules list and the module_use lists).
namespace ModActors.Kernel;

internal sealed class ModuleInstance
{
    /// <summary>MODULE_REF_BASE: the base reference the loader holds.</summary>
    public const int MODULE_REF_BASE = 1;

    public ModuleInstance(long id, ModuleDefinition definition, ModuleParams kp)
    {
        Id = id;
        Definition = definition;
        Kp = kp;
        Mem = ModuleMemory.For(definition);
    }

    /// <summary>Distinguishes successive loads of one name in traces ("slow#2").</summary>
    public long Id { get; }

    public ModuleDefinition Definition { get; }

    public string Name => Definition.Name;

    public ModuleState State { get; set; } = ModuleState.Unformed;

    /// <summary>atomic_t refcnt, including MODULE_REF_BASE.</summary>
    public int Refcnt { get; set; }

    /// <summary>mod->source_list: the modules using this one, newest first (list_add).</summary>
    public List<ModuleInstance> SourceList { get; } = [];

    /// <summary>mod->target_list: the modules this one uses, newest first.</summary>
    public List<ModuleInstance> TargetList { get; } = [];

    /// <summary>mod->taints.</summary>
    public ulong Taints { get; set; }

    /// <summary>mod->kp: the parameters and their variables.</summary>
    public ModuleParams Kp { get; }

    /// <summary>mod->args: the argument string given to the load.</summary>
    public string Args { get; set; } = "";

    /// <summary>mod->mem[]: size, allocation and page protections per mod_mem_type.</summary>
    public ModuleMemory[] Mem { get; }

    /// <summary>mod->mem[type].base as move_module set it, kept for the section attributes after init memory goes.</summary>
    public ulong[] SectionBases { get; set; } = new ulong[7];

    /// <summary>The sizes of MOD_TEXT, MOD_DATA, MOD_RODATA and MOD_RO_AFTER_INIT.</summary>
    public uint CoreSize => Mem[0].Size + Mem[1].Size + Mem[2].Size + Mem[3].Size;

    /// <summary>The sizes of the init types: 0 once do_init_module freed them.</summary>
    public uint InitSize => Mem[4].Size + Mem[5].Size + Mem[6].Size;

    /// <summary>Which table mod->kallsyms points at (add_kallsyms: the whole symtab; do_init_module: the core one).</summary>
    public KallsymsTable Kallsyms { get; set; }

    /// <summary>Each symbol's address as add_kallsyms recorded it (st_value after simplify_symbols), by symtab index.</summary>
    public ulong[]? KallsymsValues { get; set; }

    /// <summary>Where ftrace has this module's mcount records (ftrace_module_init .. ftrace_release_mod).</summary>
    public FtraceRecords Ftrace { get; set; }

    /// <summary>mod->klp_alive: klp_module_coming ran and klp_module_going has not.</summary>
    public bool KlpAlive { get; set; }

    /// <summary>mod->klp_info: copy_module_elf kept the ELF headers of a livepatch module (freed by free_module_elf).</summary>
    public bool KlpInfo { get; set; }

    /// <summary>The links in /sys/module/NAME/holders/: users whose mod_sysfs_setup ran (add_usage_links).</summary>
    public List<string> HolderLinks { get; } = [];

    /// <summary>Whether /sys/module/NAME exists (mod_sysfs_setup .. mod_sysfs_teardown).</summary>
    public bool SysfsRegistered { get; set; }

    /// <summary>Whether the module is on the modules list (add_unformed_module .. list_del_rcu).</summary>
    public bool Listed { get; set; }

    /// <summary>Set by a forced delete_module (O_TRUNC) that went past users or a missing exit.</summary>
    public bool Forced { get; set; }

    /// <summary>mod->using_gplonly_symbols.</summary>
    public bool UsingGplOnlySymbols { get; set; }

    /// <summary>References this module's code took on other modules (try_module_get in its init or exit).</summary>
    public List<ModuleInstance> HeldRefs { get; } = [];

    /// <summary>The notifier block this module's code registered, if any.</summary>
    public Actors.NotifierEntry? Notifier { get; set; }

    /// <summary>The actor that owns this struct module.</summary>
    public Akka.Actor.IActorRef Actor { get; set; } = Akka.Actor.ActorRefs.Nobody;

    /// <summary>module_refcount(): refcnt - MODULE_REF_BASE.</summary>
    public int module_refcount() => Refcnt - MODULE_REF_BASE;

    public override string ToString() => Id == 1 ? Name : $"{Name}-{Id}";

    public ModuleSnapshot Snapshot() => new()
    {
        Name = Name,
        State = State,
        CoreSize = CoreSize,
        InitSize = InitSize,
        Refcnt = module_refcount(),
        Users = [.. SourceList.Select(m => m.Name)],
        Holders = [.. HolderLinks],
        HasInit = Definition.HasInit,
        HasExit = Definition.HasExit,
        Taints = Taints,
        SysfsRegistered = SysfsRegistered,
        Params = Kp.Snapshot(),
        Version = Definition.Version,
        SrcVersion = Definition.SrcVersion,
        Memory = [.. Mem.Select(m => m.Snapshot())],
        Address = Mem[(int)Elf.ModMemType.Text].Base,
        Sections = Definition.Image is { } image
            ? [.. image.Kallsyms.Sections.Select(s => new SectionAttr(s.Name, SectionBases[(int)s.Type] + s.Offset))]
            : [],
        KlpAlive = KlpAlive,
        KlpInfo = KlpInfo,
        Ftrace = Ftrace,
        Kallsyms = Kallsyms,
    };
}
