// Builds one run of a scenario inside a fresh Simulation: boots the simulated kernel with the
// scenario's configuration, installs its files (inodes shared by links, fresh for copies) and the
// modprobe repository, and spawns one task per scenario task that runs its steps in order, recording
// each call. Returns the judge that turns the finished run into a RunReport. Everything it touches
// that is shared between runs (module images, vmlinux symbols) is read-only, so explorations run
// many of these at once.
using ModActors.Kernel;
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal sealed class ScenarioSetup
{
    private readonly KernelSymbols? vmlinux;

    public ScenarioSetup(Scenario scenario)
    {
        Scenario = scenario;
        if (scenario.SymversPath is { } path)
        {
            using var reader = new StreamReader(path);
            vmlinux = KernelSymbols.FromModuleSymvers(reader);
        }
    }

    public Scenario Scenario { get; }

    public Func<RunResult, RunReport> Build(Simulation system)
    {
        var kernel = SimKernel.Boot(system, Scenario.Config, vmlinux);
        InstallFiles(kernel);
        var records = new List<CallRecord>();
        foreach (var task in Scenario.Tasks)
            kernel.Spawn(task.Name, t => RunTask(t, task, records));
        return result => RunJudge.Judge(Scenario, kernel, result, records);
    }

    private void InstallFiles(SimKernel kernel)
    {
        var inodes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var f in Scenario.Files)
        {
            var inode = f.LinkTo is { } target ? inodes[target] : kernel.Files.NewInode();
            inodes[f.Path] = inode;
            var spec = f.Module is null ? null : Scenario.Modules.First(m => m.Key == f.Module);
            kernel.Files.Add(new SimFile
            {
                Path = f.Path,
                Inode = inode,
                Kind = f.Kind,
                Module = spec?.Definition,
                Bytes = spec?.Image,
                Compression = spec?.Compression ?? FileCompression.None,
            });
        }
        foreach (var m in Scenario.Modules)
            kernel.Repository.Install(m.Key, ScenarioLoader.DefaultPath(m.Key), m.Definition.Depends);
    }

    private static async Task<int> RunTask(KTask t, TaskSpec task, List<CallRecord> records)
    {
        for (var i = 0; i < task.Steps.Count; i++)
        {
            switch (task.Steps[i])
            {
                case CallStep call:
                    var (start, startStep) = (t.Now, t.Step);
                    var (rc, text) = await Call(t, call);
                    records.Add(new CallRecord(task.Name, i, call, rc, text, start, t.Now) { Steps = (startStep, t.Step) });
                    break;
                case SleepStep sleep:
                    await Syscalls.msleep(t, sleep.Milliseconds);
                    break;
                case WaitPointStep wait:
                    await Syscalls.wait_for_point(t, wait.Task, wait.Point);
                    break;
                case WaitDoneStep done:
                    await TaskExit.wait_for_exit(t, done.Task);
                    break;
                case WaitStateStep wait:
                    await Syscalls.wait_for_state(t, wait.Module, wait.State);
                    break;
            }
        }
        return 0;
    }

    private static async Task<(int Rc, string? Text)> Call(KTask t, CallStep c)
    {
        switch (c.Op)
        {
            case CallOp.finit_module:
                return (await Syscalls.finit_module(t, c.Target, c.Args, c.Flags), null);
            case CallOp.init_module:
                return (await Syscalls.init_module(t, c.Target, c.Args), null);
            case CallOp.delete_module:
                return (await Syscalls.delete_module(t, c.Target, c.Flags), null);
            case CallOp.try_module_get:
                return (await Syscalls.try_module_get(t, c.Holder!, c.Target), null);
            case CallOp.module_put:
                return (await Syscalls.module_put(t, c.Holder!, c.Target), null);
            case CallOp.request_module:
                return (await Syscalls.request_module(t, c.Target), null);
            case CallOp.kill:
                return (Syscalls.kill(t, c.Target), null);
            case CallOp.modprobe:
                return (await Syscalls.modprobe(t, c.Target), null);
            case CallOp.write:
                return (SysfsWrite.write_sysfs(t, c.Target, c.Args), null);
            default:
                if (c.Target == "/proc/modules")
                    return (0, await Syscalls.read_proc_modules(t));
                if (c.Target == "/proc/sys/kernel/tainted")
                    return (0, ProcSys.read_tainted(t));
                if (c.Target == "/proc/kallsyms")
                    return (0, Syscalls.read_proc_kallsyms(t));
                var text = Syscalls.read_sysfs(t, c.Target);
                return text.StartsWith("-E", StringComparison.Ordinal) && Errno.TryParse(text.TrimEnd(), out var errno)
                    ? (-errno, null)
                    : (0, text);
        }
    }
}
