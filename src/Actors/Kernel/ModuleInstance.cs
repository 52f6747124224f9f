// struct module (include/linux/module.h) of one loaded or loading module: the fields the module
// subsystem reads and writes. The module's actor (Actors/ModuleActor.cs) performs every write and every
// atomic operation on it; tasks read fields directly, as the kernel's plain loads do, under the lock the
// kernel holds for that read (module_mutex for the modules list and the module_use lists).
// For partial-order reduction every field access declares itself (Footprint): a read of a field, a
// write of a field, and any use of a list (which may change it) as a write of this struct module.
using ModActors.Runtime;

namespace ModActors.Kernel;

internal sealed class ModuleInstance
{
    /// <summary>MODULE_REF_BASE: the base reference the loader holds.</summary>
    public const int MODULE_REF_BASE = 1;

    private readonly List<ModuleInstance> sourceList = [];
    private readonly List<ModuleInstance> targetList = [];
    private readonly List<string> holderLinks = [];
    private readonly List<ModuleInstance> heldRefs = [];
    private ModuleState state = ModuleState.Unformed;
    private int refcnt;
    private ulong taints;
    private string args = "";
    private readonly ModuleMemory[] mem;
    private bool sysfsRegistered;
    private bool listed;
    private bool forced;
    private bool usingGplOnlySymbols;
    private Actors.NotifierEntry? notifier;
    private readonly ModuleParams kp;
    private object? key;

    public ModuleInstance(long id, ModuleDefinition definition, ModuleParams kp)
    {
        Id = id;
        Definition = definition;
        this.kp = kp;
        mem = ModuleMemory.For(definition);
    }

    /// <summary>Distinguishes successive loads of one name in traces ("slow#2").</summary>
    public long Id { get; }

    public ModuleDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>This struct module as a partial-order-reduction resource: its name and load number, the same in every run.</summary>
    public object Key => key ??= (Name, Id);

    public ModuleState State { get { Footprint.Read(Key); return state; } set { Footprint.Write(Key); state = value; } }

    /// <summary>atomic_t refcnt, including MODULE_REF_BASE.</summary>
    public int Refcnt { get { Footprint.Read(Key); return refcnt; } set { Footprint.Write(Key); refcnt = value; } }

    /// <summary>mod->source_list: the modules using this one, newest first (list_add).</summary>
    public List<ModuleInstance> SourceList { get { Footprint.Write(Key); return sourceList; } }

    /// <summary>mod->target_list: the modules this one uses, newest first.</summary>
    public List<ModuleInstance> TargetList { get { Footprint.Write(Key); return targetList; } }

    /// <summary>mod->taints.</summary>
    public ulong Taints { get { Footprint.Read(Key); return taints; } set { Footprint.Write(Key); taints = value; } }

    /// <summary>mod->kp: the parameters and their variables.</summary>
    public ModuleParams Kp { get { Footprint.Write(Key); return kp; } }

    /// <summary>mod->args: the argument string given to the load.</summary>
    public string Args { get { Footprint.Read(Key); return args; } set { Footprint.Write(Key); args = value; } }

    /// <summary>mod->mem[]: size, allocation and page protections per mod_mem_type.</summary>
    public ModuleMemory[] Mem { get { Footprint.Write(Key); return mem; } }

    /// <summary>mod->mem[type].base as move_module set it, kept for the section attributes after init memory goes.</summary>
    public ulong[] SectionBases { get; set; } = new ulong[7];

    /// <summary>The sizes of MOD_TEXT, MOD_DATA, MOD_RODATA and MOD_RO_AFTER_INIT.</summary>
    public uint CoreSize { get { Footprint.Read(Key); return mem[0].Size + mem[1].Size + mem[2].Size + mem[3].Size; } }

    /// <summary>The sizes of the init types: 0 once do_init_module freed them.</summary>
    public uint InitSize { get { Footprint.Read(Key); return mem[4].Size + mem[5].Size + mem[6].Size; } }

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
    public List<string> HolderLinks { get { Footprint.Write(Key); return holderLinks; } }

    /// <summary>Whether /sys/module/NAME exists (mod_sysfs_setup .. mod_sysfs_teardown).</summary>
    public bool SysfsRegistered { get { Footprint.Read(Key); return sysfsRegistered; } set { Footprint.Write(Key); sysfsRegistered = value; } }

    /// <summary>Whether the module is on the modules list (add_unformed_module .. list_del_rcu).</summary>
    public bool Listed { get { Footprint.Read(Key); return listed; } set { Footprint.Write(Key); listed = value; } }

    /// <summary>Set by a forced delete_module (O_TRUNC) that went past users or a missing exit.</summary>
    public bool Forced { get { Footprint.Read(Key); return forced; } set { Footprint.Write(Key); forced = value; } }

    /// <summary>mod->using_gplonly_symbols.</summary>
    public bool UsingGplOnlySymbols { get { Footprint.Read(Key); return usingGplOnlySymbols; } set { Footprint.Write(Key); usingGplOnlySymbols = value; } }

    /// <summary>References this module's code took on other modules (try_module_get in its init or exit).</summary>
    public List<ModuleInstance> HeldRefs { get { Footprint.Write(Key); return heldRefs; } }

    /// <summary>The notifier block this module's code registered, if any.</summary>
    public Actors.NotifierEntry? Notifier { get { Footprint.Read(Key); return notifier; } set { Footprint.Write(Key); notifier = value; } }

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
