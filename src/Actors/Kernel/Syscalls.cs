// What a task can do to the module subsystem, as user space does it: finit_module on a path (the open
// is done first, as modctl and kmod do), init_module of a file's bytes, delete_module, request_module
// (from kernel context) and modprobe (user space), try_module_get/module_put through a held file whose
// owner is the module, reading /proc/modules and /sys/module files, and waiting for another task's
// kernel point or a module's state. Results are the kernel's: 0 or -errno.
using Akka.Actor;
using ModActors.Runtime;
using ModActors.Kernel.Actors;
using ModActors.Kernel.Main;

namespace ModActors.Kernel;

/// <summary>The module system calls, for task programs.</summary>
public static class Syscalls
{
    /// <summary>finit_module(open(path), params, flags). A path that does not exist is -ENOENT from open().</summary>
    public static Task<int> finit_module(KTask t, string path, string args, int flags)
    {
        ArgumentNullException.ThrowIfNull(t);
        var f = t.Kernel.Files.Find(path);
        return f is null ? Task.FromResult(-Errno.ENOENT) : Restartable(t, () => FinitModule.finit_module(t, f, args, flags));
    }

    /// <summary>init_module(image of path, len, params). A path that does not exist is -ENOENT from reading it.</summary>
    public static Task<int> init_module(KTask t, string path, string args)
    {
        ArgumentNullException.ThrowIfNull(t);
        var f = t.Kernel.Files.Find(path);
        return f is null ? Task.FromResult(-Errno.ENOENT) : Restartable(t, () => InitModule.init_module(t, f, args));
    }

    /// <summary>delete_module(name, flags): flags O_NONBLOCK (0x800) and O_TRUNC (0x200).</summary>
    public static Task<int> delete_module(KTask t, string name, int flags)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Restartable(t, () => Unload.delete_module(t, name, flags));
    }

    /// <summary>request_module(name) from kernel context: modprobe's wait status, or -errno.</summary>
    public static Task<int> request_module(KTask t, string name)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Kmod.request_module(t, name);
    }

    /// <summary>User-space modprobe NAME in this task: exit code 0 or 1.</summary>
    public static Task<int> modprobe(KTask t, string name)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Modprobe.modprobe(t, name);
    }

    /// <summary>
    /// try_module_get(module) by <paramref name="holder"/> (opening a file whose owner is the module): 0, or
    /// -ENOENT when there is no such module or it is going away (the open fails).
    /// </summary>
    public static async Task<int> try_module_get(KTask t, string holder, string module)
    {
        ArgumentNullException.ThrowIfNull(t);
        t.Point("try_module_get");
        var mod = t.Kernel.find_module_all_rcu(module, evenUnformed: false);
        if (mod is null || !await t.Call<bool>(mod.Actor, new TryModuleGet()))
            return -Errno.ENOENT;
        if (!t.Kernel.Holders.TryGetValue(holder, out var held))
            t.Kernel.Holders[holder] = held = [];
        held.Add(mod);
        return 0;
    }

    /// <summary>module_put(module) by <paramref name="holder"/> (closing the file): 0, or -EBADF if it holds none.</summary>
    public static async Task<int> module_put(KTask t, string holder, string module)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (!t.Kernel.Holders.TryGetValue(holder, out var held) || held.Find(m => m.Name == module) is not { } mod)
            return -Errno.EBADF;
        held.Remove(mod);
        if (Main.Oops.module_memory_freed(mod))
            throw Main.Oops.page_fault_oops(t, mod, "filp_flush+0x18/0x70");
        await t.Call<int>(mod.Actor, new ModulePut());
        return 0;
    }

    /// <summary>Reads /proc/modules (m_start takes module_mutex, m_stop releases it).</summary>
    public static async Task<string> read_proc_modules(KTask t)
    {
        ArgumentNullException.ThrowIfNull(t);
        await t.mutex_lock();
        var text = Procfs.proc_modules(t.Kernel.Modules.Select(m => m.Snapshot()), t.Kernel.Config);
        t.mutex_unlock();
        return text;
    }

    /// <summary>
    /// Reads /proc/kallsyms: the module lines (module_get_kallsym under RCU, so no lock and no scheduling point).
    /// </summary>
    public static string read_proc_kallsyms(KTask t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Kallsyms.proc_kallsyms(t.Kernel);
    }

    /// <summary>
    /// Reads /sys/module/NAME/FILE: the file's text, a directory's entries one per line (holders/, parameters/), or
    /// "-ERRNO" when the read fails (a module that is UNFORMED or gone has no directory: -ENOENT).
    /// </summary>
    public static string read_sysfs(KTask t, string path)
    {
        ArgumentNullException.ThrowIfNull(t);
        return ReadSysfs(t.Kernel, path);
    }

    internal static string ReadSysfs(KernelState k, string path)
    {
        const string root = "/sys/module/";
        var rest = path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : path;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? rest : rest[..slash];
        var file = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        var mod = k.find_module_all_rcu(name, evenUnformed: true)?.Snapshot();
        if (mod is null || !Sysfs.module_dir_exists(mod))
            return "-" + Errno.Name(Errno.ENOENT);
        if (file is "" or "holders" or "parameters" or "sections")
            return string.Concat(Sysfs.list(mod, file).Select(e => e + "\n"));
        var read = Sysfs.read(mod, file, k.Config.ShowKernelAddresses);
        return read.Error != 0 ? "-" + Errno.Name(read.Error) : read.Text;
    }

    /// <summary>
    /// Sends <paramref name="target"/> a signal that stops nothing and has no handler (SIGSTOP then SIGCONT, as the
    /// oracle does): an interruptible wait it is in, or its next one, ends — idempotent_wait_for_completion with -EINTR,
    /// wait_event_interruptible with -ERESTARTSYS (the system call is restarted), resolve_symbol_wait gives up,
    /// mutex_lock_interruptible fails with -EINTR. The signal is delivered when the system call returns.
    /// 0, or -ESRCH when no such task is running.
    /// </summary>
    public static int kill(KTask t, string target)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (!t.Kernel.Running.TryGetValue(target, out var victim) || victim.Finished)
            return -Errno.ESRCH;
        t.Context.Annotate($"{t.Name} signals {target}");
        victim.SignalPending = true;
        if (victim.InterruptibleSleep is { } sleep)
            t.Tell(sleep.Actor, sleep.Interrupt);
        return 0;
    }

    /// <summary>
    /// The return to user space of a system call: a pending signal is delivered there, and a call that returned
    /// -ERESTARTSYS because of it is made again (no handler, so the restart is transparent).
    /// </summary>
    private static async Task<int> Restartable(KTask t, Func<Task<int>> call)
    {
        while (true)
        {
            var rc = await call();
            if (!t.SignalPending)
                return rc;
            t.SignalPending = false;
            if (rc != -Errno.ERESTARTSYS)
                return rc;
            t.Context.Annotate($"{t.Name} restarts its system call");
        }
    }

    /// <summary>Sleeps (virtual time).</summary>
    public static Task msleep(KTask t, long milliseconds)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.msleep(milliseconds);
    }

    /// <summary>Waits until task <paramref name="task"/> has reached kernel point <paramref name="point"/>.</summary>
    public static async Task wait_for_point(KTask t, string task, string point)
    {
        ArgumentNullException.ThrowIfNull(t);
        await t.Call<Done>(t.Kernel.Points, new AwaitPoint(task, point));
    }

    /// <summary>Waits until module <paramref name="module"/> has been in state <paramref name="state"/>.</summary>
    public static async Task wait_for_state(KTask t, string module, ModuleState state)
    {
        ArgumentNullException.ThrowIfNull(t);
        await t.Call<Done>(t.Kernel.Points, new AwaitState(module, state));
    }
}
