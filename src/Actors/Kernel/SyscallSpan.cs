// The span of one system call made by a task (finit_module, init_module, delete_module, request_module): opened with
// the task, target and pid, closed with the result (rc, errno name); it counts loads and failures by errno. Calls can
// nest (request_module from a module's init), so the task's previous spans are restored at the end.
using System.Diagnostics;

namespace ModActors.Kernel;

internal readonly struct SyscallSpan
{
    private readonly KTask task;
    private readonly Activity? previousSyscall;
    private readonly Activity? previousStage;
    private readonly string name;

    public SyscallSpan(KTask task, string name, string target)
    {
        this.task = task;
        this.name = name;
        previousSyscall = task.SyscallActivity;
        previousStage = task.StageActivity;
        var parent = previousStage?.Context ?? previousSyscall?.Context
            ?? (KernelTelemetry.Source.HasListeners() ? task.Kernel.TraceIds.NextRoot() : default);
        var activity = KernelTelemetry.Start(name, parent, task.Now);
        if (activity is not null)
        {
            activity.SetTag("modactors.system", task.Kernel.System.Name);
            activity.SetTag("modactors.task", task.Name);
            activity.SetTag("modactors.pid", task.Pid);
            activity.SetTag("modactors.target", target);
            task.SyscallActivity = activity;
            task.StageActivity = null;
        }
        if (name is "finit_module" or "init_module")
            KernelTelemetry.Loads.Add(1, new KeyValuePair<string, object?>("syscall", name));
    }

    /// <summary>Ends the span with <paramref name="rc"/> (0 or -errno) and returns it.</summary>
    public int End(int rc)
    {
        var activity = task.SyscallActivity;
        if (rc < 0)
            KernelTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("syscall", name),
                new KeyValuePair<string, object?>("errno", Errno.Name(-rc)));
        if (activity is not null && activity != previousSyscall)
        {
            activity.SetTag("modactors.rc", rc);
            if (rc < 0)
            {
                activity.SetTag("modactors.errno", Errno.Name(-rc));
                activity.SetStatus(ActivityStatusCode.Error, Errno.Name(-rc));
            }
            KernelSpan.Stop(task.StageActivity, task.Now);
            KernelSpan.Stop(activity, task.Now);
            task.SyscallActivity = previousSyscall;
            task.StageActivity = previousStage;
        }
        return rc;
    }
}
