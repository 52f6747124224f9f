// Named points of the kernel's code paths (the function a task has entered, e.g. add_unformed_module)
// and module states, published as tasks and modules pass them, so a scenario can hold one task until
// another has reached a point or a module has reached a state: explicit interleaving control. A point
// already passed satisfies a wait at once.
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>Task reached kernel point Point.</summary>
internal sealed record PointReached(string Task, string Point);

/// <summary>Module reached state State.</summary>
internal sealed record StateReached(string Module, ModuleState State);

/// <summary>Wait until Task reaches Point: answered with <see cref="Done"/>.</summary>
internal sealed record AwaitPoint(string Task, string Point);

/// <summary>Wait until Module reaches State: answered with <see cref="Done"/>.</summary>
internal sealed record AwaitState(string Module, ModuleState State);

/// <summary>The actor that records points and states and releases their waiters.</summary>
internal sealed class KernelPoints : ReceiveActor, IWaitGraphNode
{
    private readonly HashSet<(string, string)> points = [];
    private readonly HashSet<(string, ModuleState)> states = [];
    private readonly List<(object Key, IActorRef Waiter, string What)> waiters = [];

    public KernelPoints()
    {
        Receive<PointReached>(m =>
        {
            points.Add((m.Task, m.Point));
            Release((m.Task, m.Point));
        });
        Receive<StateReached>(m =>
        {
            states.Add((m.Module, m.State));
            Release((m.Module, m.State));
        });
        Receive<AwaitPoint>(m =>
        {
            if (points.Contains((m.Task, m.Point)))
                Sender.Tell(Done.Instance, Self);
            else
                waiters.Add(((m.Task, m.Point), Sender, $"task {m.Task} to reach {m.Point}"));
        });
        Receive<AwaitState>(m =>
        {
            if (states.Contains((m.Module, m.State)))
                Sender.Tell(Done.Instance, Self);
            else
                waiters.Add(((m.Module, m.State), Sender, $"module {m.Module} to be {Names.State(m.State)}"));
        });
    }

    public IEnumerable<WaitEdge> DescribeWaits() => waiters.Select(w => new WaitEdge(w.Waiter, Self, w.What));

    private void Release(object key)
    {
        for (var i = 0; i < waiters.Count;)
        {
            if (waiters[i].Key.Equals(key))
            {
                waiters[i].Waiter.Tell(Done.Instance, Self);
                waiters.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }
    }
}
