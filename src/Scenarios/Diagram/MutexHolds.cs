// Who held module_mutex when: from the step where mutex_lock() returned to its holder (module_mutex resumes
// it with MutexLocked) to the step where module_mutex took its mutex_unlock(). Drawn on the module_mutex
// lane in the holder's colour, so a reader sees which critical section another task queued behind.
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal sealed record MutexHold(string Task, long FromStep, long ToStep, bool Open);

internal static class MutexHolds
{
    public static IReadOnlyList<MutexHold> Find(IReadOnlyList<TraceStep> steps)
    {
        var holds = new List<MutexHold>();
        (string Task, long From)? holder = null;
        foreach (var s in steps)
        {
            if (s.From == DiagramLanes.ModuleMutex && s.Message.StartsWith("resume MutexLocked", StringComparison.Ordinal))
                holder = (s.To, s.Step);
            else if (s.To == DiagramLanes.ModuleMutex && s.Message.StartsWith("MutexUnlock", StringComparison.Ordinal)
                     && holder is { } h && h.Task == s.From)
            {
                holds.Add(new MutexHold(h.Task, h.From, s.Step, false));
                holder = null;
            }
        }

        if (holder is { } last && steps.Count > 0)
            holds.Add(new MutexHold(last.Task, last.From, steps[^1].Step, true));
        return holds;
    }
}
