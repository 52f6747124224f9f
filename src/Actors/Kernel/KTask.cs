// The kernel-side context of one task ("current"): its name and pid, the kernel it runs in, and the
// primitives the code paths of Main/ are written with — module_mutex, sleeping, asking a kernel actor,
// publishing the kernel point it has reached. Every await here is a scheduling point.
using System.Diagnostics;
using ModActors.Kernel.Actors;
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel;

/// <summary>A task running kernel code (the kernel's "current").</summary>
public sealed class KTask
{
    internal KTask(KernelState kernel, IActorContext context, string name, int pid)
    {
        Kernel = kernel;
        Context = context;
        Name = name;
        Pid = pid;
    }

    /// <summary>The task's name (the scenario's task name, or "modprobe-N").</summary>
    public string Name { get; }

    /// <summary>The task's pid.</summary>
    public int Pid { get; }

    /// <summary>Virtual time now.</summary>
    public TimeSpan Now => Context.Now;

    /// <summary>The number of the simulation step this task is running in.</summary>
    public long Step => Kernel.System.StepCount;

    internal KernelState Kernel { get; }

    internal IActorContext Context { get; }

    internal bool Finished { get; set; }

    /// <summary>signal_pending(current): a signal arrived and was not delivered yet.</summary>
    internal bool SignalPending { get; set; }

    /// <summary>The kernel actor this task sleeps on interruptibly, and the message that wakes it with a signal.</summary>
    internal (IActorRef Actor, object Interrupt)? InterruptibleSleep { get; set; }

    /// <summary>An interruptible sleep: asks <paramref name="actor"/> and lets a signal interrupt the wait.</summary>
    internal async Task<T> SleepInterruptible<T>(IActorRef actor, object request, object interrupt)
    {
        InterruptibleSleep = (actor, interrupt);
        try
        {
            return await Call<T>(actor, request);
        }
        finally
        {
            InterruptibleSleep = null;
        }
    }

    /// <summary>The span of the system call this task is in, if telemetry is listening.</summary>
    internal Activity? SyscallActivity { get; set; }

    /// <summary>The span of the load_module stage (or other kernel point) the task is in.</summary>
    internal Activity? StageActivity { get; set; }

    /// <summary>
    /// The task enters kernel function <paramref name="point"/>: traced, waiters on it are released, and (with a
    /// telemetry listener) the previous stage's span ends and this one's begins.
    /// </summary>
    internal void Point(string point)
    {
        Context.Annotate($"{Name} at {point}");
        Kernel.PointRegistry.PointReached(Name, point, Context.Self);
        if (SyscallActivity is { } syscall && point != syscall.OperationName)
        {
            KernelSpan.Stop(StageActivity, Now);
            StageActivity = KernelTelemetry.Start(point, syscall.Context, Now);
        }
    }

    /// <summary>Starts the span of one system call; <see cref="SyscallSpan.End"/> closes it with the result.</summary>
    internal SyscallSpan Syscall(string name, string target) => new(this, name, target);

    /// <summary>A span for a wait on <paramref name="what"/> (of <paramref name="detail"/>), ended by disposing it.</summary>
    internal KernelSpan Wait(string what, string? detail = null)
    {
        var parent = StageActivity ?? SyscallActivity;
        if (parent is null)
            return default;
        if (detail is not null)
            what += " " + detail;
        var activity = KernelTelemetry.Start("wait " + what, parent.Context, Now);
        activity?.SetTag("modactors.wait", what);
        return new KernelSpan(this, activity, what);
    }

    /// <summary>mod->state = state, as a store by this task (a scheduling point), recorded on its span.</summary>
    internal async Task set_state(ModuleInstance mod, ModuleState state)
    {
        await Call<Done>(mod.Actor, new SetModuleState(state));
        (StageActivity ?? SyscallActivity)?.AddEvent(new ActivityEvent($"{mod.Name} {Names.State(state)}",
            KernelTelemetry.At(Now)));
    }

    /// <summary>
    /// mutex_lock(&amp;module_mutex): a scheduling point (might_sleep), then the fast path takes the lock if
    /// nobody holds it; otherwise the slow path queues this task until the lock is handed over.
    /// </summary>
    internal async Task mutex_lock()
    {
        var wait = Kernel.MutexOwner is null ? default : Wait("module_mutex");
        try
        {
            await Context.Yield("mutex_lock");
            if (mutex_trylock_fast())
                return;
            if (!wait.Started)
                wait = Wait("module_mutex");
            await mutex_lock_slowpath();
        }
        finally
        {
            wait.Dispose();
        }
    }

    /// <summary>mutex_lock_interruptible(&amp;module_mutex): 0, or -EINTR when a signal arrives first.</summary>
    internal async Task<int> mutex_lock_interruptible()
    {
        if (SignalPending)
            return -Errno.EINTR;
        await Context.Yield("mutex_lock");
        if (mutex_trylock_fast())
            return 0;
        if (SignalPending)
            return -Errno.EINTR;
        InterruptibleSleep = (Kernel.Mutex, new MutexInterrupt(Name));
        try
        {
            return await mutex_lock_slowpath() is MutexLocked ? 0 : -Errno.EINTR;
        }
        finally
        {
            InterruptibleSleep = null;
        }
    }

    /// <summary>
    /// __mutex_lock_slowpath: under wait_lock (atomic within this step), join the wait list; the answer is
    /// <see cref="MutexLocked"/> when mutex_unlock hands the lock over, or <see cref="MutexInterrupted"/>.
    /// </summary>
    private Task<object> mutex_lock_slowpath()
    {
        var answer = Context.Expect<object>(Kernel.Mutex, new MutexLock(Name), out var replyTo);
        Kernel.MutexLock.Enqueue(Name, replyTo);
        Context.Annotate($"{Name} waits for module_mutex held by {Kernel.MutexOwner}");
        return answer;
    }

    /// <summary>mutex_unlock(&amp;module_mutex): releases it, or hands it to the first waiter.</summary>
    internal void mutex_unlock()
    {
        Kernel.MutexLock.Unlock(Name, Kernel.Mutex);
        Context.Annotate($"{Name} unlocks module_mutex");
    }

    /// <summary>__mutex_trylock_fast: take module_mutex if nobody holds it.</summary>
    private bool mutex_trylock_fast()
    {
        if (!Kernel.MutexLock.TryLock(Name))
            return false;
        Context.Annotate($"{Name} locks module_mutex");
        return true;
    }

    internal Task msleep(long milliseconds) => milliseconds > 0 ? Context.Sleep(TimeSpan.FromMilliseconds(milliseconds)) : Task.CompletedTask;

    internal Task<T> Call<T>(IActorRef target, object message) => Context.Ask<T>(target, message);

    internal void Tell(IActorRef target, object message) => target.Tell(message, Context.Self);

    /// <summary>Asserts that this task holds module_mutex (lockdep_assert_held).</summary>
    internal void lockdep_assert_held()
    {
        if (Kernel.MutexOwner != Name)
            throw new InvalidOperationException($"{Name} touches state protected by module_mutex without holding it");
    }
}
