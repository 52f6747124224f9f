// dfs: exhaustive enumeration of the schedules of a small program. One strategy object drives many
// runs: each run follows the current path of choices and takes the first candidate at new choice
// points; NextSchedule() backtracks to the deepest point with an untried candidate. Only points
// with more than one enabled actor are choice points. Bounded by a budget of schedules (and, per
// run, by SimulationOptions.MaxSteps); Exhausted says whether the whole space was covered.
// A fixed prefix restricts the search to one subtree, and a branch depth limits which choice
// points are enumerated (used by the Explorer to split the space over cores).
using Akka.Actor;
using System.Globalization;

namespace ModActors.Runtime;

/// <summary>Depth-first enumeration of every schedule, one run per schedule.</summary>
public sealed class DfsStrategy : ISchedulingStrategy
{
    private readonly List<(int Choice, int Count)> path = [];
    private readonly IReadOnlyList<int> prefix;
    private readonly int branchDepth;
    private readonly long maxSchedules;
    private int position;

    /// <summary>Creates the strategy; stops after <paramref name="maxSchedules"/> schedules.</summary>
    public DfsStrategy(long maxSchedules = 100_000)
        : this([], int.MaxValue, maxSchedules)
    {
    }

    internal DfsStrategy(IReadOnlyList<int> prefix, int branchDepth, long maxSchedules)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSchedules, 1);
        this.prefix = prefix;
        this.branchDepth = branchDepth;
        this.maxSchedules = maxSchedules;
        Schedules = 1;
    }

    /// <inheritdoc/>
    public string Name => "dfs";

    /// <inheritdoc/>
    public long Seed => 0;

    /// <inheritdoc/>
    public int Depth => 0;

    /// <summary>The number of schedules started so far (the current one included).</summary>
    public long Schedules { get; private set; }

    /// <summary>Whether every schedule has been enumerated.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>The choices of the current schedule so far.</summary>
    public IReadOnlyList<int> CurrentChoices => path.ConvertAll(p => p.Choice);

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<IActorRef> candidates, long step) =>
        candidates.Count == 1 ? 0 : ChooseAmong(candidates.Count, step);

    /// <summary>Durations are choice points like actors: every one of them is enumerated, shortest first.</summary>
    public int ChooseDuration(int count, long step) => ChooseAmong(count, step);

    private int ChooseAmong(int count, long step)
    {
        if (position < path.Count)
        {
            var (choice, recorded) = path[position];
            if (recorded != count)
            {
                throw new ScheduleDivergenceException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"dfs: the program is not deterministic: choice point {position} (step {step}) had {recorded} candidates before and {count} now"));
            }

            position++;
            return choice;
        }

        var first = position < prefix.Count ? prefix[position] : 0;
        if (first >= count)
        {
            throw new ScheduleDivergenceException(string.Create(
                CultureInfo.InvariantCulture,
                $"dfs: prefix choice {first} at point {position} but only {count} candidates"));
        }

        if (position < branchDepth)
        {
            path.Add((first, count));
        }

        position++;
        return first;
    }

    /// <summary>Moves to the next schedule; false when the space is exhausted or the budget is spent.</summary>
    public bool NextSchedule()
    {
        position = 0;
        while (path.Count > prefix.Count && path[^1].Choice == path[^1].Count - 1)
        {
            path.RemoveAt(path.Count - 1);
        }

        if (path.Count <= prefix.Count)
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
