// ActorCell: the runtime side of one actor. It is the actor's IActorRef and its IActorContext at
// once, holds the mailbox (a ring buffer of struct envelopes), the queue of posted await
// continuations, the stash, children and watchers. Whether the actor is enabled (may take a step)
// is decided here; choosing among enabled actors is the system's job.
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

internal sealed class ActorCell : IActorRef, IActorContext, IStash, ITraceNamed
{
    private RingDeque<Envelope>? mailbox;
    private RingDeque<Resumption>? resumptions;
    private RingDeque<Envelope>? stash;
    private Dictionary<string, ActorCell>? children;
    private List<ActorCell>? childOrder;
    private List<ActorCell>? watchers;
    private ActorSynchronizationContext? sync;

    public ActorCell(ActorSystem system, ActorCell? parent, string name, int id, bool inlineAwaits = false)
    {
        InlineAwaits = inlineAwaits;
        System = system;
        Parent = parent;
        Name = name;
        Id = id;
        TraceName = parent == null ? name : parent.TraceName + "/" + name;
    }

    public ActorSystem System { get; }

    public ActorCell? Parent { get; }

    public int Id { get; }

    public string Name { get; }

    public string Path => "/user/" + TraceName;

    public string TraceName { get; }

    public ActorBase Actor { get; set; } = null!;

    public bool InReady { get; set; }

    public int ReadySlot { get; set; }

    public PendingAsk? FirstAsk { get; set; }

    public PendingAsk? LastAsk { get; set; }

    public bool Suspended { get; private set; }

    public Task? SuspendedTask { get; private set; }

    public bool Stopped { get; private set; }

    public bool StopRequested { get; set; }

    public Envelope Current { get; private set; }

    public IActorRef Self => this;

    public IActorRef Sender => Current.Sender ?? ActorRefs.NoSender;

    public TimeSpan Now => System.Now;

    public int MailboxCount => mailbox?.Count ?? 0;

    public bool HasResumptions => resumptions != null && resumptions.Count > 0;

    public bool Enabled => !Stopped && (HasResumptions || (!Suspended && MailboxCount > 0));

    /// <summary>Created with Props.WithInlineAwaits: its steps run without a SynchronizationContext.</summary>
    public bool InlineAwaits { get; }

    /// <summary>The SynchronizationContext its steps run under (none for an inline-awaits actor).</summary>
    public SynchronizationContext? StepContext => InlineAwaits ? null : sync ??= new ActorSynchronizationContext(this);

    public IReadOnlyList<ActorCell> Children => childOrder ?? (IReadOnlyList<ActorCell>)[];

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.TouchSend(this); // POR hook: a send appends to the receiver's mailbox
        if (Stopped)
        {
            System.DeadLetter();
            return;
        }

        (mailbox ??= new RingDeque<Envelope>()).PushBack(
            new Envelope(message, ReferenceEquals(sender, ActorRefs.NoSender) ? null : sender));
        if (!InReady && !Suspended)
        {
            System.MakeReady(this);
        }
    }

    public Envelope TakeMessage()
    {
        Current = mailbox!.PopFront();
        return Current;
    }

    public Resumption TakeResumption() => resumptions!.PopFront();

    public void PushResumption(Resumption r) => (resumptions ??= new RingDeque<Resumption>()).PushBack(r);

    public void Suspend(Task running)
    {
        Suspended = true;
        SuspendedTask = running;
    }

    public void Resume()
    {
        Suspended = false;
        SuspendedTask = null;
    }

    public void AddChild(ActorCell child)
    {
        (children ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal)).Add(child.Name, child);
        (childOrder ??= []).Add(child);
    }

    public bool HasChild(string name) => children != null && children.ContainsKey(name);

    public void RemoveChild(ActorCell child)
    {
        children?.Remove(child.Name);
        childOrder?.Remove(child);
    }

    public IReadOnlyList<ActorCell> Watchers => watchers ?? (IReadOnlyList<ActorCell>)[];

    public void AddWatcher(ActorCell watcher)
    {
        watchers ??= [];
        if (!watchers.Contains(watcher))
        {
            watchers.Add(watcher);
        }
    }

    public void RemoveWatcher(ActorCell watcher) => watchers?.Remove(watcher);

    /// <summary>Marks the cell stopped and drops what it still held; returns the number of dropped messages.</summary>
    public int MarkStopped()
    {
        Stopped = true;
        var dropped = MailboxCount + (stash?.Count ?? 0);
        mailbox?.Clear();
        stash?.Clear();
        resumptions?.Clear();
        Suspended = false;
        SuspendedTask = null;
        return dropped;
    }

    public IActorRef ActorOf(Props props, string name) => System.CreateActor(this, props, name);

    public void Stop(IActorRef actor) => System.Stop(actor);

    public void Watch(IActorRef actor)
    {
        var target = ActorSystem.CellOf(actor) ?? throw new ArgumentException("can only watch actors of a simulation", nameof(actor));
        if (target.Stopped)
        {
            Tell(new Terminated(target), target);
            return;
        }

        target.AddWatcher(this);
    }

    public void Unwatch(IActorRef actor) => ActorSystem.CellOf(actor)?.RemoveWatcher(this);

    public Task Sleep(TimeSpan duration) => System.Sleep(this, duration);

    public Task<T> Expect<T>(IActorRef from, object awaiting, out IActorRef replyTo)
    {
        ArgumentNullException.ThrowIfNull(awaiting);
        var target = ActorSystem.CellOf(from) ?? throw new ArgumentException($"{from.Name} is not an actor of a simulation", nameof(from));
        var answer = System.Expect<T>(this, target, awaiting, out var promise);
        replyTo = promise;
        return answer;
    }

    public YieldAwaitable Yield(string what = "yield")
    {
        ArgumentNullException.ThrowIfNull(what);
        return new YieldAwaitable(this, what);
    }

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null) =>
        System.ScheduleTellOnce(delay, receiver, message, sender);

    public void Annotate(string text) => System.Annotate(text);

    void IStash.Stash()
    {
        if (Current.Message == null)
        {
            throw new InvalidOperationException("Stash() can only be called while handling a message");
        }

        (stash ??= new RingDeque<Envelope>()).PushBack(Current);
    }

    void IStash.UnstashAll()
    {
        if (stash == null || stash.Count == 0)
        {
            return;
        }

        System.TouchUnstash(this); // POR hook
        mailbox ??= new RingDeque<Envelope>();
        for (var i = stash.Count - 1; i >= 0; i--)
        {
            mailbox.PushFront(stash[i]);
        }

        stash.Clear();
        if (!InReady && Enabled)
        {
            System.MakeReady(this);
        }
    }

    public bool Equals(IActorRef? other) => other != null && ReferenceEquals(ActorSystem.CellOf(other), this);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => TraceName.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => TraceName;
}
