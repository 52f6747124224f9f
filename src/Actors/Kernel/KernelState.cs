// The state of one simulated boot that the kernel's code paths share: configuration, the kernel log,
// taints, statistics, the modules list (protected by module_mutex), the files tasks may load, and the
// actors that model the shared objects (module_mutex, idem_hash, module_wq, module_notify_list, the
// symbol tables, kmod's semaphore, kernel points). SimKernel is its public face.
// For partial-order reduction the shared data declares what a step touches (Footprint): module_mutex
// (its lock word and wait list), the modules list, the log, taints, statistics, the symbol tables, the
// holders' references, the task table and the id counters. Config, vmlinux, files and repository do
// not change during a run.
using ModActors.Kernel.Actors;
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel;

internal sealed class KernelState
{
    private readonly Dictionary<string, IActorRef> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ModuleInstance>> byName = new(StringComparer.Ordinal);
    private readonly KernelLog log;
    private readonly KernelTaint taint = new();
    private readonly ModuleStats stats;
    private readonly List<ModuleInstance> modules = [];
    private readonly MutexState mutexLock = new();
    private readonly Dictionary<string, List<ModuleInstance>> holders = new(StringComparer.Ordinal);
    private readonly SymbolTable symbols;
    private readonly KernelPointRegistry pointRegistry = new();
    private readonly Dictionary<string, KTask> running = new(StringComparer.Ordinal);
    private int notifierCount;
    private (string Name, string Taints)? lastUnloaded;
    private long nextId;
    private int nextPid = 100;

    public KernelState(Simulation system, KernelConfig config, KernelSymbols vmlinux)
    {
        System = system;
        Config = config;
        Vmlinux = vmlinux;
        symbols = new SymbolTable(vmlinux);
        log = new KernelLog(() => system.Now);
        Invariants = new KernelInvariants(this);
        stats = new ModuleStats(config);
        TraceIds = new KernelTraceIds(system.Name);
    }

    public Simulation System { get; }

    public KernelConfig Config { get; }

    public KernelSymbols Vmlinux { get; }

    public KernelLog Log { get { Footprint.Write("dmesg"); return log; } }

    public KernelTaint Taint { get { Footprint.Write("tainted_mask"); return taint; } }

    public ModuleStats Stats { get { Footprint.Write("module stats"); return stats; } }

    public KernelInvariants Invariants { get; }

    /// <summary>The trace ids of this kernel's system calls (telemetry).</summary>
    public KernelTraceIds TraceIds { get; }

    /// <summary>The modules list (kernel/module/main.c "modules"), newest first as list_add_rcu leaves it.</summary>
    public List<ModuleInstance> Modules { get { Footprint.Read("modules"); return modules; } }

    /// <summary>module_mutex itself: its owner and wait list.</summary>
    public MutexState MutexLock { get { Footprint.Write("module_mutex"); return mutexLock; } }

    /// <summary>Who holds module_mutex.</summary>
    public string? MutexOwner { get { Footprint.Read("module_mutex"); return mutexLock.Owner; } }

    /// <summary>Registered module notifier blocks (read without the rwsem, as the chain's head check does).</summary>
    public int NotifierCount { get { Footprint.Read("module_notify_list"); return notifierCount; } set { Footprint.Write("module_notify_list"); notifierCount = value; } }

    /// <summary>References taken by tasks with try_module_get, by holder name (an open file whose owner is the module).</summary>
    public Dictionary<string, List<ModuleInstance>> Holders { get { Footprint.Write("holders"); return holders; } }

    public FileTable Files { get; } = new();

    /// <summary>The keys module signatures are checked against (the kernel's builtin trusted keys).</summary>
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> TrustedCertificates { get; set; } = [];

    public ModuleRepository Repository { get; } = new();

    /// <summary>The last module delete_module freed and its taints (last_unloaded_module).</summary>
    public (string Name, string Taints)? LastUnloaded { get { Footprint.Read("last_unloaded_module"); return lastUnloaded; } set { Footprint.Write("last_unloaded_module"); lastUnloaded = value; } }

    public IActorRef Mutex { get; set; } = ActorRefs.Nobody;

    public IActorRef Idem { get; set; } = ActorRefs.Nobody;

    public IActorRef Wq { get; set; } = ActorRefs.Nobody;

    public IActorRef Notifiers { get; set; } = ActorRefs.Nobody;

    public SymbolTable Symbols { get { Footprint.Write("symbols"); return symbols; } }

    public IActorRef Points { get; set; } = ActorRefs.Nobody;

    public KernelPointRegistry PointRegistry => pointRegistry;

    public IActorRef Kmod { get; set; } = ActorRefs.Nobody;

    private readonly Dictionary<string, long> loadsByName = new(StringComparer.Ordinal);

    public long NextId()
    {
        Footprint.Write("ids");
        return ++nextId;
    }

    /// <summary>1 for the first struct module of a name, 2 for the next...</summary>
    public long NextModuleId(string name)
    {
        Footprint.Write("ids");
        return loadsByName[name] = loadsByName.GetValueOrDefault(name) + 1;
    }

    public int NextPid()
    {
        Footprint.Write("ids");
        return ++nextPid;
    }

    /// <summary>klp_patches (kernel/livepatch/core.c): the enabled livepatches, oldest first.</summary>
    public List<KlpPatch> KlpPatches { get; } = [];

    /// <summary>ftrace_mod_maps (kernel/trace/ftrace.c), newest first.</summary>
    public List<FtraceModMap> FtraceModMaps { get; } = [];

    /// <summary>Where execmem_alloc places the next module memory (MODULES_VADDR, no KASLR offset; never reused).</summary>
    public ulong ModuleAreaNext { get; set; } = ModuleMemory.MODULES_VADDR;

    public void AddTask(string name, IActorRef actor)
    {
        Footprint.Write("tasks");
        tasks.Add(name, actor);
    }

    /// <summary>The running tasks' kernel contexts, by name (for signals).</summary>
    public Dictionary<string, KTask> Running { get { Footprint.Write("tasks"); return running; } }

    public IActorRef TaskRef(string name)
    {
        Footprint.Read("tasks");
        return tasks.TryGetValue(name, out var r) ? r : ActorRefs.Nobody;
    }

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
        Footprint.Read("modules");
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
        Footprint.Write("modules");
        modules.Insert(0, mod);
        if (!byName.TryGetValue(mod.Name, out var same))
            byName[mod.Name] = same = [];
        same.Insert(0, mod);
    }

    /// <summary>list_del_rcu(&amp;mod->list).</summary>
    public void ListDel(ModuleInstance mod)
    {
        Footprint.Write("modules");
        modules.Remove(mod);
        if (byName.TryGetValue(mod.Name, out var same) && same.Remove(mod) && same.Count == 0)
            byName.Remove(mod.Name);
    }
}
