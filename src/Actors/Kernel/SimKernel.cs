// One booted simulated kernel inside one Simulation: it creates the actors of the module subsystem
// (module_mutex, idem_hash, module_wq, module_notify_list, the symbol tables, kmod_concurrent_max, kernel
// points), registers the invariants with the runtime, starts tasks, and shows the state a user can read
// (/proc/modules, /sys/module, dmesg, taints, statistics).
using System.Security.Cryptography.X509Certificates;
using ModActors.Kernel.Actors;
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel;

/// <summary>A task started in the kernel: its name, pid and actor.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="Pid">Its pid.</param>
/// <param name="Actor">The actor running it.</param>
public sealed record KernelTaskHandle(string Name, int Pid, IActorRef Actor);

/// <summary>A simulated Linux 6.12 (or 6.3) kernel's module subsystem.</summary>
public sealed class SimKernel
{
    private SimKernel(KernelState state) => State = state;

    /// <summary>The configuration it booted with.</summary>
    public KernelConfig Config => State.Config;

    /// <summary>The kernel log (dmesg).</summary>
    public KernelLog Log => State.Log;

    /// <summary>The kernel's taints.</summary>
    public KernelTaint Taint => State.Taint;

    /// <summary>kernel/module/stats.c's counters.</summary>
    public ModuleStats Stats => State.Stats;

    /// <summary>The files tasks can load.</summary>
    public FileTable Files => State.Files;

    /// <summary>What modprobe knows (modules.dep).</summary>
    public ModuleRepository Repository => State.Repository;

    /// <summary>The keys module signatures are checked against.</summary>
    public IReadOnlyList<X509Certificate2> TrustedCertificates
    {
        get => State.TrustedCertificates;
        set => State.TrustedCertificates = value;
    }

    internal KernelState State { get; }

    /// <summary>Boots a kernel in <paramref name="system"/>; its invariants are checked after every step.</summary>
    public static SimKernel Boot(Simulation system, KernelConfig? config = null, KernelSymbols? vmlinux = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var s = new KernelState(system, config ?? KernelConfig.Debian612, vmlinux ?? KernelSymbols.Synthetic);
        s.Mutex = system.ActorOf(Props.Create(() => new ModuleMutex(s)), "module_mutex");
        s.Idem = system.ActorOf(Props.Create(() => new IdempotentTable(s)), "idem_hash");
        s.Wq = system.ActorOf(Props.Create(() => new ModuleWaitQueue(s)), "module_wq");
        s.Notifiers = system.ActorOf(Props.Create(() => new ModuleNotifierChain(s)), "module_notify_list");
        s.Kmod = system.ActorOf(Props.Create(() => new KmodSemaphore()), "kmod_concurrent_max");
        s.Points = system.ActorOf(Props.Create(() => new KernelPoints(s.PointRegistry)), "kernel_points");
        system.AddInvariant("module subsystem", s.Invariants.Check);
        return new SimKernel(s);
    }

    /// <summary>Starts a task running <paramref name="program"/> (its result is the task's exit code).</summary>
    public KernelTaskHandle Spawn(string name, Func<KTask, Task<int>> program) => SpawnTask(State, name, program);

    internal static KernelTaskHandle SpawnTask(KernelState s, string name, Func<KTask, Task<int>> program)
    {
        var pid = s.NextPid();
        var actor = s.System.ActorOf(Props.Create(() => new TaskActor(s, name, pid)), name);
        s.AddTask(name, actor);
        actor.Tell(new RunProgram(program), ActorRefs.NoSender);
        return new KernelTaskHandle(name, pid, actor);
    }

    /// <summary>The modules /proc/modules lists (not UNFORMED), in its order (newest first).</summary>
    public IReadOnlyList<ModuleSnapshot> Modules() =>
        [.. State.Modules.Where(m => m.State != ModuleState.Unformed).Select(m => m.Snapshot())];

    /// <summary>The snapshot of the listed module of that name (even UNFORMED), or null.</summary>
    public ModuleSnapshot? Module(string name) => State.find_module_all_rcu(name, evenUnformed: true)?.Snapshot();

    /// <summary>
    /// Reads /sys/module/NAME/FILE as it is now: the file's text, a directory's entries one per line (NAME/,
    /// holders/, parameters/), or "-ERRNO" when the read fails (an UNFORMED or absent module has no directory).
    /// </summary>
    public string ReadSysfs(string path) => Syscalls.ReadSysfs(State, path);

    /// <summary>Who holds references taken with try_module_get by tasks: holder name to module names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Holders =>
        State.Holders.Where(h => h.Value.Count > 0).OrderBy(h => h.Key, StringComparer.Ordinal)
             .ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[.. h.Value.Select(m => m.Name)], StringComparer.Ordinal);

    /// <summary>The invariants that can only be judged once the run is over (the per-step ones included).</summary>
    public string? CheckAtEnd() => State.Invariants.CheckAtEnd(_ => true);
}
