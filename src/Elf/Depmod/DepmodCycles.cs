// depmod_report_cycles of kmod's tools/depmod.c: after the topological sort, the modules still used by
// someone are in dependency cycles. kmod prints each cycle as "Cycle detected: a -> b -> a" and then
// "Found N modules in dependency cycles!", and fails. We find each cycle by a depth-first walk over the
// cyclic modules in array order; kmod's walk may start a cycle at a different member, so the lines
// can name the same cycle rotated.
namespace ModActors.Elf.Depmod;

internal static class DepmodCycles
{
    public static void Report(List<DepmodModule> inCycles, DepmodRun run)
    {
        var cyclic = inCycles.ToHashSet();
        var reported = new HashSet<DepmodModule>();
        foreach (var start in inCycles)
        {
            if (reported.Contains(start))
                continue;
            var path = FindCycle(start, cyclic);
            if (path is null)
                continue;
            foreach (var m in path)
                reported.Add(m);
            run.Error("Cycle detected: " + string.Join(" -> ", path.Select(m => m.ModName)) + " -> " + start.ModName);
        }
        run.Error($"Found {inCycles.Count} modules in dependency cycles!");
    }

    /// A path start -> ... whose last module depends on start, through cyclic modules only.
    private static List<DepmodModule>? FindCycle(DepmodModule start, HashSet<DepmodModule> cyclic)
    {
        var path = new List<DepmodModule> { start };
        var seen = new HashSet<DepmodModule> { start };
        return Walk(start, start, cyclic, path, seen) ? path : null;
    }

    private static bool Walk(DepmodModule at, DepmodModule start, HashSet<DepmodModule> cyclic, List<DepmodModule> path,
        HashSet<DepmodModule> seen)
    {
        foreach (var next in at.Deps)
        {
            if (next == start)
                return true;
            if (!cyclic.Contains(next) || !seen.Add(next))
                continue;
            path.Add(next);
            if (Walk(next, start, cyclic, path, seen))
                return true;
            path.RemoveAt(path.Count - 1);
        }
        return false;
    }
}
