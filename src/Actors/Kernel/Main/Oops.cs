// A use of a module's freed memory (after a forced unload, O_TRUNC, while a holder still had a reference): when the
// holder closes its file, filp_flush reads file->f_op from the module's unmapped memory and the page fault cannot be
// handled — page_fault_oops, __die ("Oops: ... [#1] PREEMPT SMP NOPTI"), show_regs with print_tainted and
// print_modules, oops_end (taint D, lockdep off) and make_task_dead: the task is killed inside the system call,
// which never returns (oracle zf: the holder's exit faults in filp_flush, its shell waits for it forever).
using Akka.Actor;
using ModActors.Runtime;
using System.Globalization;

namespace ModActors.Kernel.Main;

/// <summary>The task died in an oops inside a system call: its program ends there.</summary>
internal sealed class TaskDiedException(string task) : Exception($"{task} was killed by an oops")
{
}

internal static class Oops
{
    /// <summary>Whether <paramref name="mod"/>'s memory is gone (free_module ran): a reference to it is dangling.</summary>
    public static bool module_memory_freed(ModuleInstance mod) => !mod.Listed && mod.State == ModuleState.Unformed;

    /// <summary>The oops of touching freed module memory in <paramref name="function"/>; throw what it returns.</summary>
    public static TaskDiedException page_fault_oops(KTask t, ModuleInstance freed, string function)
    {
        var k = t.Kernel;
        var log = k.Log;
        var address = string.Create(CultureInfo.InvariantCulture, $"ffffffffc{freed.Id:x3}71b0");
        log.printk(LogLevel.Alert, "BUG: unable to handle page fault for address: " + address);
        log.printk(LogLevel.Alert, "#PF: supervisor read access in kernel mode");
        log.printk(LogLevel.Alert, "#PF: error_code(0x0000) - not-present page");
        log.printk(LogLevel.Warning, "Oops: Oops: 0000 [#1] PREEMPT SMP NOPTI");
        log.printk(LogLevel.Warning, string.Create(CultureInfo.InvariantCulture,
            $"CPU: 0 UID: 0 PID: {t.Pid} Comm: {t.Name} {k.Taint.print_tainted()} {k.Config.Release} #1  Debian 6.12.117-1~deb12u1"));
        log.printk(LogLevel.Warning, k.Taint.print_tainted_verbose());
        log.printk(LogLevel.Warning, "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014");
        log.printk(LogLevel.Warning, "RIP: 0010:" + function);
        log.printk(LogLevel.Warning, "Modules linked in: " + print_modules(k));
        log.printk(LogLevel.Warning, "---[ end trace 0000000000000000 ]---");
        k.Taint.add_taint(TaintFlag.Die, LockdepOk.NowUnreliable, log);
        t.Context.Annotate($"{t.Name} oopses in {function} on freed {freed}");
        return new TaskDiedException(t.Name);
    }

    /// <summary>print_modules(): the live modules with their taint flags, and the last unloaded one.</summary>
    private static string print_modules(KernelState k)
    {
        var mods = k.Modules.Where(m => m.State != ModuleState.Unformed)
            .Select(m => m.Name + Taint.module_flags(m.Taints, m.State, showState: true));
        var text = string.Join(" ", mods);
        if (k.LastUnloaded is { } last)
            text += (text.Length > 0 ? " " : "") + $"[last unloaded: {last.Name}{last.Taints}]";
        return text;
    }
}
