// Props: how to create an actor (Akka.NET's Props.Create), kept to a factory and its type.
namespace ModActors.Runtime;

/// <summary>A recipe for creating an actor, passed to <c>ActorOf</c>.</summary>
public sealed class Props
{
    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        Factory = factory;
    }

    /// <summary>The type of actor the recipe creates.</summary>
    public Type ActorType { get; }

    internal Func<ActorBase> Factory { get; }

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
