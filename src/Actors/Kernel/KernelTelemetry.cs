// OpenTelemetry instrumentation of the simulated kernel, on .NET's built-in ActivitySource and Meter (both named
// "ModActors.Kernel"): a span per system call, a child span per load_module stage (a task's kernel point ends the
// previous stage and starts the next), a child span per wait (module_mutex, module_wq, idempotent completion,
// resolve_symbol_wait, the notifier chain's rwsem, kmod's semaphore), module state changes as span events, and
// counters for loads, failures by errno, duplicate-load failures, wasted bytes and wait durations. Timestamps are
// virtual time on a fixed epoch and trace ids are the kernel's own (KernelTraceIds), so two runs of one schedule
// export the same times and trace ids. With no listener, nothing is allocated.
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ModActors.Kernel;

/// <summary>The kernel's ActivitySource and Meter, and the epoch virtual time is mapped onto.</summary>
public static class KernelTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string Name = "ModActors.Kernel";

    /// <summary>Virtual time 0: 2024-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Loads = Meter.CreateCounter<long>("modactors.kernel.loads", description: "finit_module and init_module calls");

    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>("modactors.kernel.failures", description: "module system calls that failed, by errno");

    internal static readonly Counter<long> DuplicateLoads = Meter.CreateCounter<long>("modactors.kernel.duplicate_load_failures", description: "loads refused because a module of that name was present (EEXIST/EBUSY from module_patient_check_exists)");

    internal static readonly Counter<long> WastedBytes = Meter.CreateCounter<long>("modactors.kernel.wasted_bytes", unit: "By", description: "bytes read or allocated for loads that failed, as kernel/module/stats.c counts them");

    internal static readonly Histogram<double> WaitDuration = Meter.CreateHistogram<double>("modactors.kernel.wait_duration", unit: "ms", description: "virtual time tasks spent waiting, by what they waited on");

    /// <summary>
    /// Until the result is disposed, kernels booted on this thread name their traces with <paramref name="prefix"/>
    /// (the first 8 bytes of every trace id) instead of a hash of their system's name; null goes back to the hash.
    /// </summary>
    public static IDisposable UseTraceIdPrefix(ulong? prefix) => KernelTraceIds.UsePrefix(prefix);

    internal static DateTimeOffset At(TimeSpan virtualTime) => Epoch + virtualTime;

    /// <summary>
    /// Starts a span under an explicit parent (default: a new trace). Activity.Current is an AsyncLocal that would leak
    /// from one actor's step into the next on the simulation thread, so it is never used for parenting and is left
    /// cleared.
    /// </summary>
    internal static Activity? Start(string name, ActivityContext parent, TimeSpan virtualTime)
    {
        Activity.Current = null;
        var activity = Source.StartActivity(name, ActivityKind.Internal, parent, startTime: At(virtualTime));
        Activity.Current = null;
        return activity;
    }
}

/// <summary>A span in progress on a task: ended with Dispose at the task's virtual time.</summary>
internal readonly struct KernelSpan : IDisposable
{
    private readonly KTask? task;
    private readonly Activity? activity;
    private readonly string? waitingOn;

    internal KernelSpan(KTask task, Activity? activity, string? waitingOn)
    {
        this.task = task;
        this.activity = activity;
        this.waitingOn = waitingOn;
    }

    /// <summary>Whether this span was started (a telemetry listener is on and the wait began).</summary>
    internal bool Started => task is not null;

    public void Dispose()
    {
        if (task is null)
            return;
        if (waitingOn is not null && activity is not null)
            KernelTelemetry.WaitDuration.Record((task.Now - activity.StartTimeUtc.Subtract(KernelTelemetry.Epoch.UtcDateTime)).TotalMilliseconds,
                new KeyValuePair<string, object?>("wait", waitingOn));
        Stop(activity, task.Now);
    }

    internal static void Stop(Activity? activity, TimeSpan now)
    {
        if (activity is null)
            return;
        var end = KernelTelemetry.At(now).UtcDateTime;
        if (end <= activity.StartTimeUtc)
            end = activity.StartTimeUtc.AddTicks(1);
        activity.SetEndTime(end);
        activity.Stop();
    }
}
