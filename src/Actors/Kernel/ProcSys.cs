// /proc/sys/kernel/tainted as a task reads it (proc_taint): the kernel's taint mask in decimal.
namespace ModActors.Kernel;

/// <summary>Reads of /proc/sys/kernel files.</summary>
public static class ProcSys
{
    /// <summary>The text of /proc/sys/kernel/tainted now.</summary>
    public static string read_tainted(KTask t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Kernel.Taint.proc_sys_kernel_tainted();
    }
}
