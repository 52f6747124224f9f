// dpor: exhaustive search with partial-order reduction — source-DPOR with sleep sets (Abdulla,
// Aronis, Jonsson, Sagonas, POPL 2014). One strategy object drives many runs. Each run replays the
// choices of the current path and then takes the first enabled actor that is not asleep. After a run,
// every race of it (two dependent steps of different actors, the first happening directly before the
// second) adds to the backtrack set of the state before the first step an actor that can start the
// reversed order; NextSchedule() then moves to the deepest state with an unexplored backtrack actor.
// Sleep sets keep an actor from being tried again where the search already covered it; a run whose
// enabled actors are all asleep is cut (SleepBlocked) and its outcome is not counted. As in optimal
// DPOR's wakeup sequences, a backtrack actor remembers the reversed race's steps (v) and the next run
// follows them as far as they stay enabled and awake, so few runs end sleep-set blocked. Dependency comes
// from the footprints the system records (see Footprint): steps of one actor are dependent; steps of
// different actors are dependent when they touch a common resource and one of them writes it; a
// time advance orders every step before it before every step after it. Every Mazurkiewicz trace
// (class of interleavings equal up to swapping independent steps) is run at least once.
using Akka.Actor;
using System.Globalization;

namespace ModActors.Runtime;

/// <summary>Exhaustive search with dynamic partial-order reduction (source sets and sleep sets).</summary>
public sealed class DporStrategy : IDependencyAwareStrategy
{
    private readonly List<Node> stack = [];
    private readonly Dictionary<int, int> actorIndex = [];
    private readonly List<int> races = [];
    private readonly long maxSchedules;
    private int position;
    private int replayDepth;
    private int analyzedUpTo;
    private bool pendingBarrier;
    private int[] guide = [];
    private int guided;

    /// <summary>Creates the strategy; stops after <paramref name="maxSchedules"/> schedules.</summary>
    public DporStrategy(long maxSchedules = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSchedules, 1);
        this.maxSchedules = maxSchedules;
        Schedules = 1;
    }

    /// <inheritdoc/>
    public string Name => "dfs";

    /// <inheritdoc/>
    public long Seed => 0;

    /// <inheritdoc/>
    public int Depth => 0;

    /// <inheritdoc/>
    public FootprintRecorder Footprints { get; } = new();

    /// <summary>The number of schedules started so far (the current one included; sleep-set-blocked runs do not count).</summary>
    public long Schedules { get; private set; }

    /// <summary>Whether every Mazurkiewicz trace has been explored.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Whether the last run was cut because every enabled actor was asleep (its outcome repeats an explored one).</summary>
    public bool SleepBlocked { get; private set; }

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<IActorRef> candidates, long step)
    {
        CollectPreviousStep();
        if (position < replayDepth)
        {
            var replayed = stack[position];
            var index = IndexOf(candidates, replayed.Chosen);
            if (index < 0 || replayed.Enabled.Length != candidates.Count)
            {
                throw new ScheduleDivergenceException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"dfs: the program is not deterministic: step {step} offers {candidates.Count} actors, {replayed.Enabled.Length} before"));
            }

            position++;
            return index;
        }

        var enabled = new int[candidates.Count];
        for (var i = 0; i < enabled.Length; i++)
        {
            enabled[i] = IdOf(candidates[i]);
        }

        var node = new Node(enabled) { Sleep = position == 0 ? [] : ChildSleep(stack[position - 1]), BarrierBefore = pendingBarrier };
        var choice = -1;
        if (guided < guide.Length)
        {
            var wanted = Array.IndexOf(enabled, guide[guided]);
            if (wanted >= 0 && !Asleep(node.Sleep, enabled[wanted]))
            {
                choice = wanted;
                guided++;
            }
            else
            {
                guided = guide.Length;
            }
        }

        for (var i = 0; i < enabled.Length && choice < 0; i++)
        {
            if (!Asleep(node.Sleep, enabled[i]))
            {
                choice = i;
            }
        }

        if (choice < 0)
        {
            SleepBlocked = true;
            throw new ScheduleDivergenceException("dfs: sleep-set blocked (every enabled actor's step was explored before in an equivalent order)");
        }

        node.Chosen = enabled[choice];
        node.Backtrack.Add(node.Chosen);
        stack.Add(node);
        position++;
        return choice;
    }

    /// <summary>Moves to the next schedule; false when the space is exhausted or the budget is spent.</summary>
    public bool NextSchedule()
    {
        CollectPreviousStep();
        AnalyzeRaces();
        position = 0;
        if (SleepBlocked)
        {
            Schedules--;
        }

        SleepBlocked = false;
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            var node = stack[k];
            var next = -1;
            foreach (var actor in node.Enabled)
            {
                if (actor != node.Chosen && node.Backtrack.Contains(actor) && !node.Done.Exists(d => d.Actor == actor) && !Asleep(node.Sleep, actor))
                {
                    next = actor;
                    break;
                }
            }

            if (next < 0)
            {
                continue;
            }

            if (Schedules >= maxSchedules)
            {
                return false;
            }

            node.Done.Add((node.Chosen, node.Footprint));
            guide = node.Guides.TryGetValue(next, out var g) ? g : [];
            guided = 0;
            node.Chosen = next;
            node.Footprint = [];
            node.Guides.Remove(next);
            stack.RemoveRange(k + 1, stack.Count - k - 1);
            replayDepth = k + 1;
            analyzedUpTo = k;
            Schedules++;
            return true;
        }

        stack.Clear();
        Exhausted = true;
        return false;
    }

    private void CollectPreviousStep()
    {
        pendingBarrier = Footprints.TakeBarrier();
        if (position > 0)
        {
            stack[position - 1].Footprint = Footprints.TakeStep();
        }
    }

    private List<(int Actor, Access[] Footprint)> ChildSleep(Node parent)
    {
        List<(int, Access[])> sleep = [];
        if (pendingBarrier)
        {
            return sleep;
        }

        foreach (var entry in parent.Sleep.Concat(parent.Done))
        {
            if (entry.Actor != parent.Chosen && !Footprint.Dependent(entry.Footprint, parent.Footprint))
            {
                sleep.Add(entry);
            }
        }

        return sleep;
    }

    private static bool Asleep(List<(int Actor, Access[] Footprint)> sleep, int actor) => sleep.Exists(s => s.Actor == actor);

    private static int IdOf(IActorRef actor) => Simulation.SlotOf(actor)?.Id ?? throw new ScheduleDivergenceException($"dfs: {actor} is not an actor of this system");

    private static int IndexOf(IReadOnlyList<IActorRef> candidates, int id)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (IdOf(candidates[i]) == id)
            {
                return i;
            }
        }

        return -1;
    }

    private int Dense(int actor)
    {
        if (!actorIndex.TryGetValue(actor, out var i))
        {
            i = actorIndex.Count;
            actorIndex.Add(actor, i);
        }

        return i;
    }

    private static int At(int[] clock, int i) => i < clock.Length ? clock[i] : 0;

    private static void Join(ref int[] into, int[] from)
    {
        if (from.Length > into.Length)
        {
            Array.Resize(ref into, from.Length);
        }

        for (var i = 0; i < from.Length; i++)
        {
            into[i] = Math.Max(into[i], from[i]);
        }
    }

    private static void Set(ref int[] clock, int i, int value)
    {
        if (i >= clock.Length)
        {
            Array.Resize(ref clock, i + 1);
        }

        clock[i] = Math.Max(clock[i], value);
    }

    /// <summary>
    /// Vector clocks of happens-before for the steps from the first new one on (clock[a] = 1 + the index of
    /// actor a's last step that happens before), and the races whose second step is new.
    /// </summary>
    private void AnalyzeRaces()
    {
        var n = stack.Count;
        var epoch = 0;
        var barrierClock = Array.Empty<int>();
        for (var j = 0; j < n; j++)
        {
            var ej = stack[j];
            if (ej.BarrierBefore)
            {
                barrierClock = [];
                for (var i = 0; i < j; i++)
                {
                    Join(ref barrierClock, stack[i].Clock);
                }

                epoch = j;
            }

            if (j < analyzedUpTo)
            {
                continue;
            }

            var pj = Dense(ej.Chosen);
            var running = Array.Empty<int>();
            races.Clear();
            for (var i = j - 1; i >= epoch; i--)
            {
                var ei = stack[i];
                if (ei.Chosen != ej.Chosen && !Footprint.Dependent(ei.Footprint, ej.Footprint))
                {
                    continue;
                }

                if (ei.Chosen != ej.Chosen && At(running, Dense(ei.Chosen)) <= i)
                {
                    races.Add(i);
                }

                Join(ref running, ei.Clock);
            }

            var clock = (int[])barrierClock.Clone();
            Join(ref clock, running);
            Set(ref clock, pj, j + 1);
            ej.Clock = clock;
            foreach (var i in races)
            {
                Race(i, j);
            }
        }

        analyzedUpTo = n;
    }

    /// <summary>Steps i and j race: make sure the state before i tries an actor that can start "j before i".</summary>
    private void Race(int i, int j)
    {
        var pi = Dense(stack[i].Chosen);
        var v = new List<int>();
        for (var k = i + 1; k < j; k++)
        {
            if (At(stack[k].Clock, pi) <= i)
            {
                v.Add(k);
            }
        }

        v.Add(j);
        var initials = new List<int>();
        var firstOf = new List<int>();
        var seen = new HashSet<int>();
        for (var a = 0; a < v.Count; a++)
        {
            var e = stack[v[a]];
            if (!seen.Add(e.Chosen))
            {
                continue;
            }

            var initial = true;
            for (var b = 0; b < a && initial; b++)
            {
                var earlier = stack[v[b]];
                initial = At(e.Clock, Dense(earlier.Chosen)) <= v[b];
            }

            if (initial)
            {
                initials.Add(e.Chosen);
                firstOf.Add(a);
            }
        }

        var node = stack[i];
        if (initials.Exists(node.Backtrack.Contains))
        {
            return;
        }

        var pj = initials.IndexOf(stack[j].Chosen);
        for (var c = -1; c < initials.Count; c++)
        {
            var at = c < 0 ? pj : c;
            if (at < 0 || Array.IndexOf(node.Enabled, initials[at]) < 0)
            {
                continue;
            }

            var actor = initials[at];
            node.Backtrack.Add(actor);
            var rest = new int[v.Count - 1];
            var r = 0;
            for (var a = 0; a < v.Count; a++)
            {
                if (a != firstOf[at])
                {
                    rest[r++] = stack[v[a]].Chosen;
                }
            }

            node.Guides[actor] = rest;
            return;
        }

        foreach (var actor in node.Enabled)
        {
            if (!node.Backtrack.Contains(actor))
            {
                node.Backtrack.Add(actor);
            }
        }
    }

    private sealed class Node(int[] enabled)
    {
        public int[] Enabled { get; } = enabled;

        public int Chosen { get; set; }

        public Access[] Footprint { get; set; } = [];

        public bool BarrierBefore { get; set; }

        public int[] Clock { get; set; } = [];

        public List<int> Backtrack { get; } = [];

        public Dictionary<int, int[]> Guides { get; } = [];

        public List<(int Actor, Access[] Footprint)> Done { get; } = [];

        public List<(int Actor, Access[] Footprint)> Sleep { get; set; } = [];
    }
}
