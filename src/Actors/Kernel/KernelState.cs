// The state of one simulated boot that the kernel's code paths share: configuration, the kernel log,
// taints, statistics, the modules list (protected by module_mutex), the files tasks may load, and the
// actors that model the shared objects (module_mutex, idem_hash, module_wq, module_notify_list, the
// symbol tables, kmod's semaphore, kernel points). SimKernel is its public face.
using ModActors.Kernel.Actors;
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel;

internal sealed class KernelState
{
    private readonly Dictionary<string, IActorRef> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ModuleInstance>> byName = new(StringComparer.Ordinal);
    private long nextId;
    private int nextPid = 100;

    public KernelState(Simulation system, KernelConfig config, KernelSymbols vmlinux)
    {
        System = system;
        Config = config;
        Vmlinux = vmlinux;
        Symbols = new SymbolTable(vmlinux);
        Log = new KernelLog(() => system.Now);
        Invariants = new KernelInvariants(this);
        Stats = new ModuleStats(config);
        TraceIds = new KernelTraceIds(system.Name);
    }

    public Simulation System { get; }

    public KernelConfig Config { get; }

    public KernelSymbols Vmlinux { get; }

    public KernelLog Log { get; }

    public KernelTaint Taint { get; } = new();

    public ModuleStats Stats { get; }

    public KernelInvariants Invariants { get; }

    /// <summary>The trace ids of this kernel's system calls (telemetry).</summary>
    public KernelTraceIds TraceIds { get; }

    /// <summary>The modules list (kernel/module/main.c "modules"), newest first as list_add_rcu leaves it.</summary>
    public List<ModuleInstance> Modules { get; } = [];

    /// <summary>module_mutex itself: its owner and wait list.</summary>
    public MutexState MutexLock { get; } = new();

    /// <summary>Who holds module_mutex.</summary>
    public string? MutexOwner => MutexLock.Owner;

    /// <summary>Registered module notifier blocks (read without the rwsem, as the chain's head check does).</summary>
    public int NotifierCount { get; set; }

    /// <summary>References taken by tasks with try_module_get, by holder name (an open file whose owner is the module).</summary>
    public Dictionary<string, List<ModuleInstance>> Holders { get; } = new(StringComparer.Ordinal);

    public FileTable Files { get; } = new();

    /// <summary>The keys module signatures are checked against (the kernel's builtin trusted keys).</summary>
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> TrustedCertificates { get; set; } = [];

    public ModuleRepository Repository { get; } = new();

    /// <summary>The last module delete_module freed and its taints (last_unloaded_module).</summary>
    public (string Name, string Taints)? LastUnloaded { get; set; }

    public IActorRef Mutex { get; set; } = ActorRefs.Nobody;

    public IActorRef Idem { get; set; } = ActorRefs.Nobody;

    public IActorRef Wq { get; set; } = ActorRefs.Nobody;

    public IActorRef Notifiers { get; set; } = ActorRefs.Nobody;

    public SymbolTable Symbols { get; }

    public IActorRef Points { get; set; } = ActorRefs.Nobody;

    public KernelPointRegistry PointRegistry { get; } = new();

    public IActorRef Kmod { get; set; } = ActorRefs.Nobody;

    private readonly Dictionary<string, long> loadsByName = new(StringComparer.Ordinal);

    public long NextId() => ++nextId;

    /// <summary>1 for the first struct module of a name, 2 for the next...</summary>
    public long NextModuleId(string name) => loadsByName[name] = loadsByName.GetValueOrDefault(name) + 1;

    public int NextPid() => ++nextPid;

    /// <summary>klp_patches (kernel/livepatch/core.c): the enabled livepatches, oldest first.</summary>
    public List<KlpPatch> KlpPatches { get; } = [];

    /// <summary>ftrace_mod_maps (kernel/trace/ftrace.c), newest first.</summary>
    public List<FtraceModMap> FtraceModMaps { get; } = [];

    /// <summary>Where execmem_alloc places the next module memory (MODULES_VADDR, no KASLR offset; never reused).</summary>
    public ulong ModuleAreaNext { get; set; } = ModuleMemory.MODULES_VADDR;

    public void AddTask(string name, IActorRef actor) => tasks.Add(name, actor);

    /// <summary>The running tasks' kernel contexts, by name (for signals).</summary>
    public Dictionary<string, KTask> Running { get; } = new(StringComparer.Ordinal);

    public IActorRef TaskRef(string name) => tasks.TryGetValue(name, out var r) ? r : ActorRefs.Nobody;

    /// <summary>find_module_all(name, even_unformed): the caller holds module_mutex.</summary>
    public ModuleInstance? find_module_all(KTask t, string name, bool evenUnformed)
    {
        t.lockdep_assert_held();
        return find_module_all_rcu(name, evenUnformed);
    }

    /// <summary>
    /// find_module_all under rcu_read_lock (no mutex): the first module of that name in list order (the kernel walks
    /// the whole list; an index by name gives the same answer).
    /// </summary>
    public ModuleInstance? find_module_all_rcu(string name, bool evenUnformed)
    {
        if (!byName.TryGetValue(name, out var same))
            return null;
        foreach (var mod in same)
        {
            if (evenUnformed || mod.State != ModuleState.Unformed)
                return mod;
        }
        return null;
    }

    /// <summary>list_add_rcu(&amp;mod->list, &amp;modules): at the head.</summary>
    public void ListAdd(ModuleInstance mod)
    {
        Modules.Insert(0, mod);
        if (!byName.TryGetValue(mod.Name, out var same))
            byName[mod.Name] = same = [];
        same.Insert(0, mod);
    }

    /// <summary>list_del_rcu(&amp;mod->list).</summary>
    public void ListDel(ModuleInstance mod)
    {
        Modules.Remove(mod);
        if (byName.TryGetValue(mod.Name, out var same) && same.Remove(mod) && same.Count == 0)
            byName.Remove(mod.Name);
    }
}
