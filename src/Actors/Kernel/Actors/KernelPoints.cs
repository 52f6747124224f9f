// Named points of the kernel's code paths (the function a task has entered, e.g. add_unformed_module)
// and module states, recorded at the instant a task or module passes them, so a scenario can hold one
// task until another has reached a point or a module has reached a state: explicit interleaving
// control. A point already passed satisfies a wait at once. Passing a point is not itself a step: the
// passing task records it in its own step and answers the waiters' asks there, so a released waiter is
// runnable from that very step on.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>Wait until Task reaches Point: answered with <see cref="Done"/>.</summary>
internal sealed record AwaitPoint(string Task, string Point);

/// <summary>Wait until Module reaches State: answered with <see cref="Done"/>.</summary>
internal sealed record AwaitState(string Module, ModuleState State);

/// <summary>The points and states passed so far, and who waits for which.</summary>
internal sealed class KernelPointRegistry
{
    private readonly HashSet<(string, string)> points = [];
    private readonly HashSet<(string, ModuleState)> states = [];
    private readonly List<(object Key, IActorRef Waiter, IActorRef From, string What)> waiters = [];

    public IEnumerable<(IActorRef Waiter, string What)> Waiting => waiters.Select(w => (w.Waiter, w.What));

    public void PointReached(string task, string point, IActorRef by)
    {
        if (points.Add((task, point)))
            Release((task, point), by);
    }

    public void StateReached(string module, ModuleState state, IActorRef by)
    {
        if (states.Add((module, state)))
            Release((module, state), by);
    }

    public bool Await(AwaitPoint m, IActorRef waiter, IActorRef self) =>
        points.Contains((m.Task, m.Point)) || Park((m.Task, m.Point), waiter, self, $"task {m.Task} to reach {m.Point}");

    public bool Await(AwaitState m, IActorRef waiter, IActorRef self) =>
        states.Contains((m.Module, m.State)) || Park((m.Module, m.State), waiter, self, $"module {m.Module} to be {Names.State(m.State)}");

    private bool Park(object key, IActorRef waiter, IActorRef self, string what)
    {
        waiters.Add((key, waiter, self, what));
        return false;
    }

    private void Release(object key, IActorRef by)
    {
        for (var i = 0; i < waiters.Count;)
        {
            if (waiters[i].Key.Equals(key))
            {
                waiters[i].Waiter.Tell(Done.Instance, by);
                waiters.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }
    }
}

/// <summary>The actor scenario tasks ask to wait for a point or a state.</summary>
internal sealed class KernelPoints : ReceiveActor, IWaitGraphNode
{
    private readonly KernelPointRegistry registry;

    public KernelPoints(KernelPointRegistry registry)
    {
        this.registry = registry;
        Receive<AwaitPoint>(m =>
        {
            if (registry.Await(m, Sender, Self))
                Sender.Tell(Done.Instance, Self);
        });
        Receive<AwaitState>(m =>
        {
            if (registry.Await(m, Sender, Self))
                Sender.Tell(Done.Instance, Self);
        });
    }

    public IEnumerable<WaitEdge> DescribeWaits() => registry.Waiting.Select(w => new WaitEdge(w.Waiter, Self, w.What));
}
