// Blocked-forever detection. When no step is enabled and no timer is pending, every party that
// still waits is blocked for good: an actor suspended in an async handler, an unanswered Ask, or a
// wait an IWaitGraphNode actor (a mutex, a wait queue) reports. The report names each of them and
// what it waits on, and the first cycle of the wait-for graph (asker -> asked, waiter -> owner).
// DescribeWaits runs with its actor's cell current, so it may use Self and Context as a handler does.
using ModActors.Runtime.Dispatch;

namespace ModActors.Runtime;

public sealed partial class Simulation
{
    private RunResult IdleResult()
    {
        var blocked = new List<BlockedParty>();
        var edges = new List<(string From, string To)>();
        var waitEdges = CollectWaitEdges();

        foreach (var ask in asks.InOrder())
        {
            var party = ask.Asker?.TraceName ?? "outside";
            blocked.Add(new BlockedParty(party, ask.Target.TraceName, ask.Describe()));
            edges.Add((party, ask.Target.TraceName));
        }

        foreach (var edge in waitEdges)
        {
            var waiter = NameOf(edge.Waiter);
            var owner = NameOf(edge.WaitsFor);
            blocked.Add(new BlockedParty(waiter, owner, $"{owner} ({edge.What})"));
            edges.Add((waiter, owner));
        }

        foreach (var slot in slots)
        {
            if (!slot.IsStopped && slot.Mailbox is { } mailbox && AkkaInternals.IsSuspended(mailbox)
                && !blocked.Exists(b => b.Party == slot.TraceName))
            {
                blocked.Add(new BlockedParty(slot.TraceName, null, "a task outside the simulation (awaiting in " +
                    FormatMessage(slot.CurrentMessage ?? "-") + ")"));
            }
        }

        var trace = Trace;
        if (blocked.Count == 0)
        {
            return new RunResult(RunOutcome.Quiescent, StepCount, Now, trace, Schedule);
        }

        var ordered = OrderByCreation(blocked);
        var report = new DeadlockReport(StepCount, Now, ordered, FindCycle(ordered, edges));
        return new RunResult(RunOutcome.Deadlock, StepCount, Now, trace, Schedule) { Deadlock = report };
    }

    private List<WaitEdge> CollectWaitEdges()
    {
        var edges = new List<WaitEdge>();
        var outside = AkkaInternals.CurrentCell;
        try
        {
            foreach (var slot in slots)
            {
                if (!slot.IsStopped && slot.Cell is { } cell && AkkaInternals.ActorOf(cell) is IWaitGraphNode node)
                {
                    AkkaInternals.CurrentCell = cell;
                    edges.AddRange(node.DescribeWaits());
                }
            }
        }
        finally
        {
            AkkaInternals.CurrentCell = outside;
        }

        return edges;
    }

    private List<BlockedParty> OrderByCreation(List<BlockedParty> blocked)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            rank.TryAdd(slot.TraceName, slot.Id);
        }

        var indexed = blocked.Select((b, i) => (Party: b, Index: i));
        return indexed
            .OrderBy(x => rank.TryGetValue(x.Party.Party, out var r) ? r : int.MaxValue)
            .ThenBy(x => x.Index)
            .Select(x => x.Party)
            .ToList();
    }

    private static List<string> FindCycle(List<BlockedParty> order, List<(string From, string To)> edges)
    {
        var next = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (!next.TryGetValue(from, out var list))
            {
                next[from] = list = [];
            }

            if (!list.Contains(to))
            {
                list.Add(to);
            }
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in order.Select(b => b.Party).Distinct())
        {
            var stack = new List<string>();
            var cycle = Visit(start, next, stack, done);
            if (cycle != null)
            {
                return cycle;
            }
        }

        return [];
    }

    private static List<string>? Visit(string node, Dictionary<string, List<string>> next, List<string> stack, HashSet<string> done)
    {
        var at = stack.IndexOf(node);
        if (at >= 0)
        {
            var cycle = stack.GetRange(at, stack.Count - at);
            cycle.Add(node);
            return cycle;
        }

        if (done.Contains(node))
        {
            return null;
        }

        stack.Add(node);
        if (next.TryGetValue(node, out var targets))
        {
            foreach (var target in targets)
            {
                var cycle = Visit(target, next, stack, done);
                if (cycle != null)
                {
                    return cycle;
                }
            }
        }

        stack.RemoveAt(stack.Count - 1);
        done.Add(node);
        return null;
    }
}
