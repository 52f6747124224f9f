// struct module (include/linux/module.h) of one loaded or loading module: the fields the module
// subsystem reads and writes. The module's actor (Actors/ModuleActor.cs) performs every write and every
// atomic operation on it; tasks read fields directly, as the kernel's plain loads do, under the lock the
// kernel holds for that read (module_mutex for the modules list and the module_use lists).
namespace ModActors.Kernel;

internal sealed class ModuleInstance
{
    /// <summary>MODULE_REF_BASE: the base reference the loader holds.</summary>
    public const int MODULE_REF_BASE = 1;

    public ModuleInstance(long id, ModuleDefinition definition, ModuleParams kp, uint coreSize, uint initSize)
    {
        Id = id;
        Definition = definition;
        Kp = kp;
        CoreSize = coreSize;
        InitSize = initSize;
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

    public uint CoreSize { get; set; }

    public uint InitSize { get; set; }

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
    };
}
