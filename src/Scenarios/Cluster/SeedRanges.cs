// The seeds of a job still to hand out, as sorted ranges [From, To): taken from the lowest seed first (so
// a failing seed is found early and the first one in seed order soon after), given back when a worker is
// lost, cut at the first failing seed when the job stops there.
namespace ModActors.Scenarios.Cluster;

internal sealed class SeedRanges
{
    private readonly List<(long From, long To)> ranges = [];

    public SeedRanges(long count)
    {
        if (count > 0)
            ranges.Add((0, count));
    }

    /// <summary>Seeds not handed out.</summary>
    public long Count => ranges.Sum(r => r.To - r.From);

    public bool IsEmpty => ranges.Count == 0;

    /// <summary>Takes at most <paramref name="size"/> consecutive seeds from the lowest range.</summary>
    public (long From, long To) Take(long size)
    {
        var (from, to) = ranges[0];
        var end = Math.Min(to, from + Math.Max(1, size));
        if (end == to)
            ranges.RemoveAt(0);
        else
            ranges[0] = (end, to);
        return (from, end);
    }

    /// <summary>Gives back seeds [from, to), which no worker has now.</summary>
    public void Return(long from, long to)
    {
        if (from >= to)
            return;
        var i = ranges.FindIndex(r => r.From > from);
        ranges.Insert(i < 0 ? ranges.Count : i, (from, to));
    }

    /// <summary>Drops every seed at or above <paramref name="limit"/>.</summary>
    public void CutAt(long limit)
    {
        ranges.RemoveAll(r => r.From >= limit);
        for (var i = 0; i < ranges.Count; i++)
        {
            if (ranges[i].To > limit)
                ranges[i] = (ranges[i].From, limit);
        }
    }
}
