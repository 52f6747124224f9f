// dfs --preemptions K: exhaustive enumeration of every schedule with at most K preemptions (Musuvathi
// and Qadeer, PLDI 2007: iterative context bounding). A preemption is a step where the actor that ran
// last could run again but another one is chosen; switching after it finished or blocked is free.
// At each choice point the actor that ran last comes first, so the first schedule is the one without
// preemptions. Like DfsStrategy, one object drives many runs and NextSchedule() backtracks.
using Akka.Actor;
using System.Globalization;

namespace ModActors.Runtime;

/// <summary>Depth-first enumeration of the schedules with at most <c>K</c> preemptions.</summary>
public sealed class BoundedDfsStrategy : ISchedulingStrategy
{
    private readonly List<(int Choice, int Count)> path = [];
    private readonly List<int> allowed = [];
    private readonly long maxSchedules;
    private int position;
    private int previous = -1;
    private int used;

    /// <summary>Creates the strategy: at most <paramref name="preemptions"/> preemptions, at most <paramref name="maxSchedules"/> schedules.</summary>
    public BoundedDfsStrategy(int preemptions, long maxSchedules = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(preemptions);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSchedules, 1);
        Preemptions = preemptions;
        this.maxSchedules = maxSchedules;
        Schedules = 1;
    }

    /// <inheritdoc/>
    public string Name => "dfs";

    /// <inheritdoc/>
    public long Seed => 0;

    /// <inheritdoc/>
    public int Depth => 0;

    /// <summary>K: the preemption bound.</summary>
    public int Preemptions { get; }

    /// <summary>The number of schedules started so far (the current one included).</summary>
    public long Schedules { get; private set; }

    /// <summary>Whether every schedule within the bound has been enumerated.</summary>
    public bool Exhausted { get; private set; }

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<IActorRef> candidates, long step)
    {
        allowed.Clear();
        var last = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (Simulation.SlotOf(candidates[i])?.Id == previous)
            {
                last = i;
            }
        }

        if (last >= 0)
        {
            allowed.Add(last);
        }

        if (last < 0 || used < Preemptions)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (i != last)
                {
                    allowed.Add(i);
                }
            }
        }

        var pick = 0;
        if (allowed.Count > 1)
        {
            if (position < path.Count)
            {
                var (choice, count) = path[position];
                if (count != allowed.Count)
                {
                    throw new ScheduleDivergenceException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"dfs: the program is not deterministic: choice point {position} (step {step}) had {count} candidates before and {allowed.Count} now"));
                }

                pick = choice;
            }
            else
            {
                path.Add((0, allowed.Count));
            }

            position++;
        }

        var index = allowed[pick];
        if (last >= 0 && index != last)
        {
            used++;
        }

        previous = Simulation.SlotOf(candidates[index])?.Id ?? -1;
        return index;
    }

    /// <summary>Moves to the next schedule; false when the space is exhausted or the budget is spent.</summary>
    public bool NextSchedule()
    {
        position = 0;
        previous = -1;
        used = 0;
        while (path.Count > 0 && path[^1].Choice == path[^1].Count - 1)
        {
            path.RemoveAt(path.Count - 1);
        }

        if (path.Count == 0)
        {
            Exhausted = true;
            return false;
        }

        if (Schedules >= maxSchedules)
        {
            return false;
        }

        path[^1] = (path[^1].Choice + 1, path[^1].Count);
        Schedules++;
        return true;
    }
}
