// The lanes of a race diagram: one per task and one per kernel actor that took part in the run. A task is an
// actor started with RunProgram (SimKernel.Spawn, call_usermodehelper's modprobe) or one the summary names, so
// a task called "module-x" is still a task. Tasks come first, in the order they first appear in the trace (a
// task of the summary that never ran comes after them), then the actors in the order load_module meets them:
// module_mutex, idem_hash, module_wq, the struct module actors (module-NAME, then module-NAME-2, -3 ... for
// later instances of the same name, each module's instances side by side), the notifier chain and its
// blocks, kmod_concurrent_max, kernel_points (which only scenario waits talk to), and any actor this list
// does not know last. module_mutex gets its lane when a task took it, even if only by the fast path that
// sends it no message. "-" (no sender) and "timer" are not actors and get no lane.
using System.Globalization;
using System.Text.RegularExpressions;
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal enum LaneKind
{
    Task,
    Kernel,
    Module,
    Notifier,
}

internal sealed record Lane(int Index, string Name, LaneKind Kind)
{
    public string KindText => Kind switch
    {
        LaneKind.Task => "task",
        LaneKind.Module => "struct module",
        LaneKind.Notifier => "notifier block",
        _ => "kernel",
    };
}

internal static partial class DiagramLanes
{
    public const string NoSender = "-";
    public const string Timer = "timer";
    public const string ModuleMutex = "module_mutex";
    public const string IdemHash = "idem_hash";
    public const string ModuleWq = "module_wq";
    public const string NotifyList = "module_notify_list";
    public const string Kmod = "kmod_concurrent_max";
    public const string KernelPoints = "kernel_points";

    private const string ModulePrefix = "module-";
    private const string NotifierPrefix = "notifier-";

    private static readonly string[] LockingActors = [ModuleMutex, IdemHash, ModuleWq];
    private static readonly string[] TableActors = [Kmod, KernelPoints];

    /// <summary>"module-slow-2": the second struct module named slow (LoadModule names instance N "module-NAME-N").</summary>
    [GeneratedRegex(@"^(.+)-([2-9]|[1-9]\d{1,8})$")]
    private static partial Regex LaterInstance();

    public static bool IsActor(string name) => name != NoSender && name != Timer;

    private static bool IsStart(TraceStep s) => s.Message.StartsWith("RunProgram", StringComparison.Ordinal);

    private static LaneKind KindOf(string name, ISet<string> tasks)
    {
        if (tasks.Contains(name))
            return LaneKind.Task;
        if (name.StartsWith(ModulePrefix, StringComparison.Ordinal))
            return LaneKind.Module;
        return name.StartsWith(NotifierPrefix, StringComparison.Ordinal) ? LaneKind.Notifier : LaneKind.Kernel;
    }

    public static IReadOnlyList<Lane> Build(IReadOnlyList<TraceStep> steps, RunSummary summary)
    {
        var seen = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var tasks = new HashSet<string>(StringComparer.Ordinal);
        void See(string name)
        {
            if (IsActor(name) && known.Add(name))
                seen.Add(name);
        }

        foreach (var s in steps)
        {
            See(s.From);
            See(s.To);
            if (IsStart(s))
                tasks.Add(s.To);
            if (!known.Contains(ModuleMutex) && s.Annotations.Any(MutexHolds.IsFastLock))
                See(ModuleMutex);
        }

        foreach (var call in summary.Calls)
        {
            See(call.Task);
            tasks.Add(call.Task);
        }

        var ordered = new List<string>();
        ordered.AddRange(seen.Where(tasks.Contains));
        ordered.AddRange(LockingActors.Where(n => known.Contains(n) && !tasks.Contains(n)));
        ordered.AddRange(ModulesByName(seen.Where(n => KindOf(n, tasks) == LaneKind.Module).ToList()));
        if (known.Contains(NotifyList) && !tasks.Contains(NotifyList))
            ordered.Add(NotifyList);
        ordered.AddRange(seen.Where(n => KindOf(n, tasks) == LaneKind.Notifier));
        ordered.AddRange(TableActors.Where(n => known.Contains(n) && !tasks.Contains(n)));
        var placed = new HashSet<string>(ordered, StringComparer.Ordinal);
        ordered.AddRange(seen.Where(n => !placed.Contains(n)));
        return [.. ordered.Select((name, i) => new Lane(i, name, KindOf(name, tasks)))];
    }

    /// <summary>The module lanes in order of first appearance, each module's instances side by side in instance order.</summary>
    private static IEnumerable<string> ModulesByName(List<string> modules)
    {
        var present = new HashSet<string>(modules, StringComparer.Ordinal);
        (string First, int Instance) InstanceOf(string lane) =>
            LaterInstance().Match(lane) is { Success: true } m && present.Contains(m.Groups[1].Value)
                ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
                : (lane, 1);

        var groups = new List<string>();
        var lanes = new List<(int Group, int Instance, string Lane)>();
        foreach (var lane in modules)
        {
            var (first, instance) = InstanceOf(lane);
            var group = groups.IndexOf(first);
            if (group < 0)
            {
                group = groups.Count;
                groups.Add(first);
            }

            lanes.Add((group, instance, lane));
        }

        return lanes.OrderBy(l => l.Group).ThenBy(l => l.Instance).Select(l => l.Lane);
    }
}
