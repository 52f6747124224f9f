// The report of a run that ended blocked forever: every blocked party, what it waits on, and the
// wait-for cycle if there is one.
using System.Globalization;
using System.Text;

namespace ModActors.Runtime;

/// <summary>A party that waits and what it waits on.</summary>
/// <param name="Party">The waiting actor ("outside" for an Ask made from outside the simulation).</param>
/// <param name="WaitsFor">The party it waits for, or null when that is unknown.</param>
/// <param name="What">A description, e.g. "reply from b to Ping (ask)".</param>
public sealed record BlockedParty(string Party, string? WaitsFor, string What);

/// <summary>Why a run is blocked forever.</summary>
public sealed class DeadlockReport
{
    internal DeadlockReport(long step, TimeSpan time, IReadOnlyList<BlockedParty> blocked, IReadOnlyList<string> cycle)
    {
        Step = step;
        Time = time;
        Blocked = blocked;
        Cycle = cycle;
    }

    /// <summary>The number of steps run when the deadlock was found.</summary>
    public long Step { get; }

    /// <summary>Virtual time when the deadlock was found.</summary>
    public TimeSpan Time { get; }

    /// <summary>Every blocked party, in actor creation order.</summary>
    public IReadOnlyList<BlockedParty> Blocked { get; }

    /// <summary>The first wait-for cycle, as party names ending where they began (e.g. a, b, a); empty if none.</summary>
    public IReadOnlyList<string> Cycle { get; }

    /// <summary>The cycle as text, e.g. <c>a -> b -> a</c>; empty if none.</summary>
    public string CycleText => string.Join(" -> ", Cycle);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"deadlock after step {Step} at t={TraceStep.FormatTime(Time)}:");
        foreach (var b in Blocked)
        {
            sb.Append("\n  ").Append(b.Party).Append(" waits for ").Append(b.What);
        }

        if (Cycle.Count > 0)
        {
            sb.Append("\n  cycle: ").Append(CycleText);
        }

        return sb.ToString();
    }
}
