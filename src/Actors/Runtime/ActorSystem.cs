// ModActors' actor runtime: a small, deterministic actor system with Akka.NET's public shape.
//
// Why our own runtime: Akka.NET and Akka.TestKit.Xunit2 are not served by the package registry
// this project builds against, and Akka's dispatchers run actors on the thread pool, so a race
// seen once cannot be replayed. This runtime keeps Akka's idioms (ActorSystem, Props, IActorRef,
// Tell, Ask with a timeout, ReceiveActor's Receive<T>/ReceiveAsync<T>, Become/Unbecome, Stash,
// Context.Self/Sender, Watch/Terminated, Stop) and is deterministic by construction:
// - one simulation is one logical thread; the thread that calls Run() executes every step;
// - a step is the delivery of one message to one actor or the resumption of one awaiting handler;
//   a pluggable ISchedulingStrategy picks it among the enabled actors (fifo, random, pct, dfs,
//   replay), and the choices form a replayable Schedule;
// - time is virtual: it only moves when nothing is enabled, jumping to the next timer;
// - async handlers run under a per-actor SynchronizationContext, so every await continuation is a
//   step of its actor; a continuation arriving from another thread fails the run. An actor created
//   with Props.WithInlineAwaits runs without one: the runtime's own waits (Ask, Expect, Sleep, Yield)
//   resume it in its own steps, and the awaits up its call chain continue inline.
// This file holds creation and lifecycle; the step loop, time, asks and deadlock detection live in
// the ActorSystem_*.cs files.
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

/// <summary>
/// One simulation: its actors, its virtual clock and its scheduler. Not thread-safe by design: one
/// thread creates it, tells it messages and runs it.
/// </summary>
public sealed partial class ActorSystem : IDisposable
{
    private readonly SimulationOptions options;
    private readonly ISchedulingStrategy strategy;
    private readonly bool recordTrace;
    private readonly bool isFifo;
    private readonly long maxSteps;
    private readonly ReadyQueue ready = new();
    private readonly List<ActorCell> cells = [];
    private int nextCellId;
    private int stoppedCells;
    private readonly Dictionary<string, ActorCell> topLevel = new(StringComparer.Ordinal);
    private readonly List<int> choices = [];
    private readonly FootprintRecorder? footprints; // POR hook: set when the strategy reads step footprints
    private bool disposed;

    private ActorSystem(string name, SimulationOptions options)
    {
        Name = name;
        this.options = options;
        strategy = options.Strategy;
        recordTrace = options.RecordTrace;
        isFifo = strategy is FifoStrategy;
        maxSteps = options.MaxSteps;
        footprints = (strategy as IDependencyAwareStrategy)?.Footprints; // POR hook
        footprints?.Reset(); // POR hook
        ownerThread = Environment.CurrentManagedThreadId;
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The scheduling strategy of this simulation.</summary>
    public ISchedulingStrategy Strategy => strategy;

    /// <summary>Whether this simulation records its trace (<see cref="SimulationOptions.RecordTrace"/>).</summary>
    public bool RecordsTrace => recordTrace;

    /// <summary>The steps recorded so far.</summary>
    public Trace Trace { get; } = new();

    /// <summary>The choices made so far, replayable with <see cref="ReplayStrategy"/>.</summary>
    public Schedule Schedule => new(strategy.Name, strategy.Seed, strategy.Depth, choices.ToArray());

    /// <summary>Messages dropped because their receiver had stopped.</summary>
    public long DeadLetters { get; private set; }

    /// <summary>Creates a simulation.</summary>
    public static ActorSystem Create(string name, SimulationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ActorSystem(name, options ?? new SimulationOptions());
    }

    /// <summary>Creates a top-level actor at <c>/user/name</c>; names are unique among siblings.</summary>
    public IActorRef ActorOf(Props props, string name) => CreateActor(null, props, name);

    /// <summary>Stops <paramref name="actor"/> and its children; watchers get <see cref="Terminated"/>.</summary>
    public void Stop(IActorRef actor)
    {
        var cell = CellOf(actor);
        if (cell == null || cell.System != this)
        {
            return;
        }

        Touch(cell); // POR hook: stopping an actor (its state and its mailbox)
        Touch(new MailKey(cell.Id, -1)); // POR hook
        if (ReferenceEquals(cell, running))
        {
            cell.StopRequested = true;
        }
        else
        {
            StopCell(cell);
        }
    }

    /// <summary>Adds a check run after every step; a non-null result is a violation that ends the run.</summary>
    public void AddInvariant(string name, Func<string?> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        (invariants ??= []).Add((name, check));
    }

    /// <summary>Ends the simulation; it cannot run afterwards.</summary>
    public void Dispose() => disposed = true;

    internal static ActorCell? CellOf(IActorRef actor) => actor switch
    {
        ActorCell cell => cell,
        TestKit.TestProbe probe => probe.Cell,
        _ => null,
    };

    internal void DeadLetter() => DeadLetters++;

    /// <summary>POR hook: the step in progress writes <paramref name="resource"/> (a mailbox, the timer queue, the actor table).</summary>
    internal void Touch(object resource) => footprints?.Add(resource is ActorCell cell ? cell.Id : resource, true);

    /// <summary>POR hook: the step in progress appends a message to <paramref name="cell"/>'s mailbox.</summary>
    internal void TouchSend(ActorCell cell) => footprints?.Send(cell.Id);

    /// <summary>POR hook: <paramref name="cell"/> put its stash back in its mailbox.</summary>
    internal void TouchUnstash(ActorCell cell) => footprints?.Unstash(cell.Id);

    internal void MakeReady(ActorCell cell) => ready.Add(cell);

    internal ActorCell CreateActor(ActorCell? parent, Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"invalid actor name '{name}': it must be non-empty, without '/' or spaces", nameof(name));
        }

        if (parent == null ? topLevel.ContainsKey(name) : parent.HasChild(name))
        {
            throw new ArgumentException(
                $"actor name '{name}' is not unique: {(parent == null ? "/user" : parent.Path)} already has a child of that name",
                nameof(name));
        }

        Touch("actor creation"); // POR hook: creating an actor
        var cell = new ActorCell(this, parent, name, nextCellId++, props.InlineAwaits);
        if (parent == null)
        {
            topLevel.Add(name, cell);
        }
        else
        {
            parent.AddChild(cell);
        }

        cells.Add(cell);
        cell.Actor = ActorBase.Construct(cell, props);
        if (cell.Actor is IWithStash withStash)
        {
            withStash.Stash = cell;
        }

        cell.Actor.CallPreStart();
        return cell;
    }

    private void StopCell(ActorCell cell)
    {
        if (cell.Stopped)
        {
            return;
        }

        foreach (var child in cell.Children.ToArray())
        {
            StopCell(child);
        }

        if (cell.InReady)
        {
            ready.Remove(cell);
        }

        DeadLetters += cell.MarkStopped();
        DropAsksOf(cell);
        if (cell.Parent == null)
        {
            topLevel.Remove(cell.Name);
        }
        else
        {
            cell.Parent.RemoveChild(cell);
        }

        var outer = running;
        running = cell;
        try
        {
            cell.Actor.CallPostStop();
        }
        catch (Exception e)
        {
            Fail(cell, "PostStop", e);
        }
        finally
        {
            running = outer;
        }

        foreach (var watcher in cell.Watchers)
        {
            if (!watcher.Stopped)
            {
                watcher.Tell(new Terminated(cell), cell);
            }
        }

        ForgetStopped();
    }

    /// <summary>Drops stopped cells from the creation-ordered list once they are half of it (amortised O(1) per stop).</summary>
    private void ForgetStopped()
    {
        if (++stoppedCells > 64 && stoppedCells * 2 > cells.Count)
        {
            cells.RemoveAll(static c => c.Stopped);
            stoppedCells = 0;
        }
    }
}
