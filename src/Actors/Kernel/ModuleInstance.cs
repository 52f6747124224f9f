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
    private uint coreSize;
    private uint initSize;
    private bool sysfsRegistered;
    private bool listed;
    private bool forced;
    private bool usingGplOnlySymbols;
    private Actors.NotifierEntry? notifier;
    private readonly ModuleParams kp;
    private object? key;

    public ModuleInstance(long id, ModuleDefinition definition, ModuleParams kp, uint coreSize, uint initSize)
    {
        Id = id;
        Definition = definition;
        this.kp = kp;
        CoreSize = coreSize;
        InitSize = initSize;
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

    public uint CoreSize { get { Footprint.Read(Key); return coreSize; } set { Footprint.Write(Key); coreSize = value; } }

    public uint InitSize { get { Footprint.Read(Key); return initSize; } set { Footprint.Write(Key); initSize = value; } }

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
    public Runtime.IActorRef Actor { get; set; } = Runtime.ActorRefs.Nobody;

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
    };
}
