// A small harness for loader tests: boots a kernel in a fresh simulation, installs synthetic module files,
// runs task programs and collects each call's result in order.
using ModActors.Kernel;
using Xunit;
using ModActors.Runtime;

namespace ModActors.Kernel.Tests.Loader;

internal sealed class KernelHarness
{
    private readonly List<(string Task, string Call, int Rc)> calls = [];

    private static int systems;

    public KernelHarness(KernelConfig? config = null, ISchedulingStrategy? strategy = null)
    {
        System = Simulation.Create($"test-{Interlocked.Increment(ref systems)}",
            new SimulationOptions { Strategy = strategy ?? new FifoStrategy() });
        Kernel = SimKernel.Boot(System, config);
    }

    public Simulation System { get; }

    public SimKernel Kernel { get; }

    public IReadOnlyList<(string Task, string Call, int Rc)> Calls => calls;

    public static ModuleDefinition Slow(long delayMs = 1000, long ret = 0, bool exit = true) => new()
    {
        Name = "slow",
        HasExit = exit,
        Init = new ModuleBehaviour([new LogAction("init begin pid={pid}"), new SleepAction(delayMs), new ReturnAction(ret)]),
    };

    public KernelHarness File(string path, ModuleDefinition def, long? inode = null)
    {
        Kernel.Files.Add(new SimFile { Path = path, Inode = inode ?? Kernel.Files.NewInode(), Module = def });
        Kernel.Repository.Install(def.Name, path, def.Depends);
        return this;
    }

    public KernelHarness Task(string name, params Func<KTask, Task<(string, int)>>[] steps)
    {
        Kernel.Spawn(name, async t =>
        {
            foreach (var step in steps)
            {
                var (call, rc) = await step(t);
                calls.Add((name, call, rc));
            }
            return 0;
        });
        return this;
    }

    public static Func<KTask, Task<(string, int)>> Finit(string path, string args = "", int flags = 0) =>
        async t => ($"finit {path}", await Syscalls.finit_module(t, path, args, flags));

    public static Func<KTask, Task<(string, int)>> Delete(string name, int flags = 0) =>
        async t => ($"delete {name}", await Syscalls.delete_module(t, name, flags));

    public static Func<KTask, Task<(string, int)>> Init(string path, string args = "") =>
        async t => ($"init {path}", await Syscalls.init_module(t, path, args));

    public static Func<KTask, Task<(string, int)>> Get(string holder, string module) =>
        async t => ($"get {module}", await Syscalls.try_module_get(t, holder, module));

    public static Func<KTask, Task<(string, int)>> Put(string holder, string module) =>
        async t => ($"put {module}", await Syscalls.module_put(t, holder, module));

    public static Func<KTask, Task<(string, int)>> Proc(List<string> into) =>
        async t => { into.Add(await Syscalls.read_proc_modules(t)); return ("proc", 0); };

    public static Func<KTask, Task<(string, int)>> Sysfs(string path, List<string> into) =>
        t => { into.Add(Syscalls.read_sysfs(t, path)); return global::System.Threading.Tasks.Task.FromResult(("sysfs", 0)); };

    public static Func<KTask, Task<(string, int)>> Sleep(long ms) =>
        async t => { await Syscalls.msleep(t, ms); return ("sleep", 0); };

    public RunResult Run()
    {
        var result = System.Run();
        Assert.True(result.Outcome == RunOutcome.Quiescent, result.ToString());
        return result;
    }

    public KernelHarness Copy(string from, string to)
    {
        var f = Kernel.Files.Find(from)!;
        Kernel.Files.Add(f with { Path = to, Inode = Kernel.Files.NewInode() });
        return this;
    }

    public IReadOnlyList<string> Log => Kernel.Log.Texts();

    public int Rc(string task, int index = 0) => calls.Where(c => c.Task == task).ElementAt(index).Rc;

    public string ProcModules() => Procfs.proc_modules(Kernel.Modules(), Kernel.Config);
}
