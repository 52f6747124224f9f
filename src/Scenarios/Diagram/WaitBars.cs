// The waits of a run, drawn as bars on the waiting task's lane. A task is blocked from the last step it ran
// until the step that resumes it; the bar says on what, judged by what it asked, who resumed it and what was noted:
// mutex_lock(&module_mutex) whose slow path found it held ("a waits for module_mutex held by c", noted in the
// task's own step) until module_mutex hands it over, a schedule() on
// module_wq (module_patient_check_exists, resolve_symbol_wait) until wake_up_all or its timeout,
// idempotent_wait_for_completion() on another loader of the same inode, an msleep (a timer resumes it), a
// scenario's wait on a kernel point or module state (answered by kernel_points when already passed, else by
// the task or module that reaches it), request_module waiting for its modprobe helper to exit. Other round
// trips (an uncontended lock, a question to a module actor) are bars only when virtual time passed during
// them; a yield (mutex_lock's scheduling point) is no wait. A task still blocked when the run ended gets a bar to the end, marked open.
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal enum WaitKind
{
    Mutex,
    WaitQueue,
    Idempotent,
    Sleep,
    KernelPoint,
    ChildExit,
    Other,
}

internal sealed record WaitBar(string Task, long FromStep, long ToStep, WaitKind Kind, string Label, bool Open)
{
    public string Style => Kind switch
    {
        WaitKind.Mutex => "w-mutex",
        WaitKind.WaitQueue => "w-wq",
        WaitKind.Idempotent => "w-idem",
        WaitKind.Sleep => "w-sleep",
        WaitKind.KernelPoint => "w-point",
        WaitKind.ChildExit => "w-exit",
        _ => "w-other",
    };
}

internal static class WaitBars
{
    private const string Resume = "resume ";

    /// <summary>The questions a task blocks on (kernel actors' request records).</summary>
    private static readonly string[] BlockingRequests =
        ["ScheduleWait", "IdempotentWait", "AwaitPoint", "AwaitState", "KmodDown", "AwaitExit"];

    public static IReadOnlyList<WaitBar> Find(IReadOnlyList<TraceStep> steps, Func<string, LaneKind?> laneKind)
    {
        var bars = new List<WaitBar>();
        var lastRun = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        var exited = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (laneKind(s.To) != LaneKind.Task)
                continue;
            if (s.Message.StartsWith(Resume, StringComparison.Ordinal) && lastRun.TryGetValue(s.To, out var start)
                && Classify(steps, s.To, start, i, laneKind) is { } bar)
                bars.Add(bar);
            if (!lastRun.ContainsKey(s.To))
                order.Add(s.To);
            lastRun[s.To] = i;
            if (s.Annotations.Any(a => StepMarks.ExitCode(a, s.To) is not null))
                exited.Add(s.To);
        }

        foreach (var task in order.Where(t => !exited.Contains(t)))
        {
            var start = lastRun[task];
            if (start < steps.Count - 1)
                bars.Add(Blocked(steps, task, start));
        }

        return bars;
    }

    private static WaitBar? Classify(IReadOnlyList<TraceStep> steps, string task, int start, int end, Func<string, LaneKind?> laneKind)
    {
        var resume = steps[end];
        var from = steps[start].Step;
        var to = resume.Step;
        if (resume.From == task)
            return null;
        if (resume.From == DiagramLanes.Timer)
            return new WaitBar(task, from, to, WaitKind.Sleep, resume.Message[Resume.Length..], false);

        var request = Request(steps, task, start, end);
        if (request?.To == DiagramLanes.KernelPoints)
            return new WaitBar(task, from, to, WaitKind.KernelPoint, "waits for " + request.Message, false);
        switch (resume.From)
        {
            case DiagramLanes.ModuleMutex:
                return MutexContention(steps[start], task) is { } contention
                    ? new WaitBar(task, from, to, WaitKind.Mutex, contention, false)
                    : null;
            case DiagramLanes.ModuleWq:
                var label = resume.Message.Contains("TimedOut = True", StringComparison.Ordinal)
                    ? "module_wq sleep, timed out"
                    : "module_wq sleep until wake_up_all";
                return new WaitBar(task, from, to, WaitKind.WaitQueue, label, false);
            case DiagramLanes.IdemHash when resume.Message.Contains("IdempotentResult", StringComparison.Ordinal):
                return new WaitBar(task, from, to, WaitKind.Idempotent, "idempotent_wait_for_completion", false);
        }

        if (laneKind(resume.From) == LaneKind.Task)
            return new WaitBar(task, from, to, WaitKind.ChildExit, "waits for " + resume.From + " to exit", false);
        return resume.Time > steps[start].Time
            ? new WaitBar(task, from, to, WaitKind.Other, "waits for " + resume.From, false)
            : null;
    }

    /// <summary>
    /// The delivery of the question the task blocked on between its last run and its resumption: the last of its
    /// blocking requests. Whoever answers it may be another actor: a kernel point or module state releases its
    /// waiters from the step of the task or module that reached it.
    /// </summary>
    private static TraceStep? Request(IReadOnlyList<TraceStep> steps, string task, int start, int end)
    {
        for (var j = end - 1; j > start; j--)
        {
            if (steps[j].From == task && IsBlockingRequest(steps[j]))
                return steps[j];
        }

        return null;
    }

    private static bool IsBlockingRequest(TraceStep s) =>
        Array.Exists(BlockingRequests, r => s.Message.StartsWith(r, StringComparison.Ordinal));

    /// <summary>The note of mutex_lock's slow path in the task's step ("a waits for module_mutex held by c"), if any.</summary>
    private static string? MutexContention(TraceStep step, string task) =>
        step.Annotations.FirstOrDefault(a => a.StartsWith(task + " waits for " + DiagramLanes.ModuleMutex, StringComparison.Ordinal));

    private static WaitBar Blocked(IReadOnlyList<TraceStep> steps, string task, int start)
    {
        TraceStep? request = null;
        for (var j = steps.Count - 1; j > start && request is null; j--)
        {
            var s = steps[j];
            if (s.From == task && IsBlockingRequest(s))
                request = s;
        }

        var (kind, what) = request switch
        {
            null when MutexContention(steps[start], task) is { } contention => (WaitKind.Mutex, contention),
            null => (WaitKind.Other, "blocked"),
            { To: DiagramLanes.ModuleWq } => (WaitKind.WaitQueue, "module_wq sleep"),
            { To: DiagramLanes.IdemHash } => (WaitKind.Idempotent, "idempotent_wait_for_completion"),
            { To: DiagramLanes.KernelPoints } => (WaitKind.KernelPoint, "waits for " + request.Message),
            _ => (WaitKind.ChildExit, "waits for " + request.To + " (" + request.Message + ")"),
        };
        return new WaitBar(task, steps[start].Step, steps[^1].Step, kind, what + " (never resumed)", true);
    }
}
