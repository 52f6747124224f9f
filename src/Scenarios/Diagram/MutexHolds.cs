// Who held module_mutex when: from the step where mutex_lock() returned to its holder (its fast path noted
// "a locks module_mutex", or module_mutex's slow path resumed it with MutexLocked) to the step where it noted
// "a unlocks module_mutex". Drawn on the module_mutex lane in the holder's colour, so a reader sees which
// critical section another task queued behind.
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal sealed record MutexHold(string Task, long FromStep, long ToStep, bool Open);

internal static class MutexHolds
{
    private const string Locks = " locks " + DiagramLanes.ModuleMutex;
    private const string Unlocks = " unlocks " + DiagramLanes.ModuleMutex;

    /// <summary>Whether the note is mutex_lock's fast path taking module_mutex.</summary>
    public static bool IsFastLock(string note) => note.EndsWith(Locks, StringComparison.Ordinal);

    public static IReadOnlyList<MutexHold> Find(IReadOnlyList<TraceStep> steps)
    {
        var holds = new List<MutexHold>();
        (string Task, long From)? holder = null;
        foreach (var s in steps)
        {
            if (s.From == DiagramLanes.ModuleMutex && s.Message.StartsWith("resume MutexLocked", StringComparison.Ordinal))
                holder = (s.To, s.Step);
            foreach (var note in s.Annotations)
            {
                if (note == s.To + Locks)
                {
                    holder = (s.To, s.Step);
                }
                else if (note == s.To + Unlocks && holder is { } h && h.Task == s.To)
                {
                    holds.Add(new MutexHold(h.Task, h.From, s.Step, false));
                    holder = null;
                }
            }
        }

        if (holder is { } last && steps.Count > 0)
            holds.Add(new MutexHold(last.Task, last.From, steps[^1].Step, true));
        return holds;
    }
}
