// The lanes of a race diagram: one per task and one per kernel actor that took part in the run. Tasks come
// first, in the order they first appear in the trace (a task of the summary that never ran comes after
// them), then the actors in the order load_module meets them: module_mutex, idem_hash, module_wq, the
// struct module actors, the notifier chain and its blocks, the symbol tables, kmod_concurrent_max and the
// kernel points last. "-" (no sender) and "timer" are not actors and get no lane.
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

internal static class DiagramLanes
{
    public const string NoSender = "-";
    public const string Timer = "timer";
    public const string ModuleMutex = "module_mutex";
    public const string IdemHash = "idem_hash";
    public const string ModuleWq = "module_wq";
    public const string NotifyList = "module_notify_list";
    public const string Symbols = "symbols";
    public const string Kmod = "kmod_concurrent_max";
    public const string KernelPoints = "kernel_points";

    private static readonly string[] LockingActors = [ModuleMutex, IdemHash, ModuleWq];
    private static readonly string[] TableActors = [Symbols, Kmod, KernelPoints];

    public static bool IsActor(string name) => name != NoSender && name != Timer;

    public static LaneKind KindOf(string name)
    {
        if (Array.IndexOf(LockingActors, name) >= 0 || Array.IndexOf(TableActors, name) >= 0 || name == NotifyList)
            return LaneKind.Kernel;
        if (name.StartsWith("module-", StringComparison.Ordinal))
            return LaneKind.Module;
        if (name.StartsWith("notifier-", StringComparison.Ordinal))
            return LaneKind.Notifier;
        return LaneKind.Task;
    }

    public static IReadOnlyList<Lane> Build(IReadOnlyList<TraceStep> steps, RunSummary summary)
    {
        var seen = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        void See(string name)
        {
            if (IsActor(name) && known.Add(name))
                seen.Add(name);
        }

        foreach (var s in steps)
        {
            See(s.From);
            See(s.To);
        }

        foreach (var call in summary.Calls)
            See(call.Task);

        var ordered = new List<string>();
        ordered.AddRange(seen.Where(n => KindOf(n) == LaneKind.Task));
        ordered.AddRange(LockingActors.Where(known.Contains));
        ordered.AddRange(seen.Where(n => KindOf(n) == LaneKind.Module));
        if (known.Contains(NotifyList))
            ordered.Add(NotifyList);
        ordered.AddRange(seen.Where(n => KindOf(n) == LaneKind.Notifier));
        ordered.AddRange(TableActors.Where(known.Contains));
        return [.. ordered.Select((name, i) => new Lane(i, name, KindOf(name)))];
    }
}
