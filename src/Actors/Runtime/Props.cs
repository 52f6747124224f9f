// Props: how to create an actor (Akka.NET's Props.Create), kept to a factory, its type and whether its
// async handlers run without a SynchronizationContext (WithInlineAwaits).
namespace ModActors.Runtime;

/// <summary>A recipe for creating an actor, passed to <c>ActorOf</c>.</summary>
public sealed class Props
{
    private Props(Type actorType, Func<ActorBase> factory, bool inlineAwaits = false)
    {
        ActorType = actorType;
        Factory = factory;
        InlineAwaits = inlineAwaits;
    }

    /// <summary>The type of actor the recipe creates.</summary>
    public Type ActorType { get; }

    internal Func<ActorBase> Factory { get; }

    /// <summary>Whether the actor's async handlers run without a SynchronizationContext (<see cref="WithInlineAwaits"/>).</summary>
    public bool InlineAwaits { get; }

    /// <summary>
    /// Props for an actor whose async handlers await only the runtime's own waits — Ask, Expect, Sleep and
    /// Yield — and its own async methods. Its steps run without a SynchronizationContext: an answer to one
    /// of those waits resumes it in a step of its own as always, and everything awaiting that wait up its
    /// call chain continues inline in that step, without the per-await bookkeeping a context costs. The
    /// schedule is the same as without it. Awaiting any other task breaks this: its continuation runs
    /// wherever that task completes, possibly on the thread pool (the run fails if the runtime notices).
    /// </summary>
    public Props WithInlineAwaits() => new(ActorType, Factory, inlineAwaits: true);

    /// <summary>Props that create the actor with <paramref name="factory"/>.</summary>
    public static Props Create<T>(Func<T> factory)
        where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory);
    }

    /// <summary>Props that create the actor with its parameterless constructor.</summary>
    public static Props Create<T>()
        where T : ActorBase, new() => new(typeof(T), () => new T());
}
