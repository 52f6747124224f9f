// The results of one seed's system calls: how many returned each value, per call, plus the number of
// operations finished (read by the progress display from another thread, never by the simulation).
namespace ModActors.Scenarios.Stress;

internal sealed class StressCounts
{
    private readonly Dictionary<int, long>[] byCall =
        [.. Enumerable.Range(0, Enum.GetValues<StressCall>().Length).Select(_ => new Dictionary<int, long>())];

    public long Calls { get; private set; }

    public void Record(StressCall call, int rc)
    {
        var counts = byCall[(int)call];
        counts[rc] = counts.GetValueOrDefault(rc) + 1;
        Calls++;
    }

    /// <summary>Adds <paramref name="count"/> calls of <paramref name="call"/> that returned <paramref name="rc"/> (counted elsewhere).</summary>
    public void Add(StressCall call, int rc, long count)
    {
        var counts = byCall[(int)call];
        counts[rc] = counts.GetValueOrDefault(rc) + count;
        Calls += count;
    }

    /// <summary>(call, rc) -> count, calls in enum order and values in ascending order of -rc (0 first).</summary>
    public IEnumerable<(StressCall Call, int Rc, long Count)> All() =>
        Enum.GetValues<StressCall>().SelectMany(c => byCall[(int)c].OrderBy(e => -e.Key).Select(e => (c, e.Key, e.Value)));
}
