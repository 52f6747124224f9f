// IActorRef and the two well-known refs (Akka.NET's ActorRefs.NoSender and ActorRefs.Nobody).
namespace ModActors.Runtime;

/// <summary>A handle to an actor; the only way to reach one.</summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>The actor's name, unique among its siblings.</summary>
    string Name { get; }

    /// <summary>The actor's path, e.g. <c>/user/parent/child</c>.</summary>
    string Path { get; }

    /// <summary>Enqueues <paramref name="message"/> in the actor's mailbox (fire and forget).</summary>
    void Tell(object message, IActorRef? sender = null);
}

/// <summary>Well-known references that lead nowhere.</summary>
public static class ActorRefs
{
    /// <summary>The sender of a message told from outside any actor; messages told to it are dropped.</summary>
    public static readonly IActorRef NoSender = new NullRef("noSender");

    /// <summary>A reference to no actor at all; messages told to it are dropped.</summary>
    public static readonly IActorRef Nobody = new NullRef("nobody");

    private sealed class NullRef(string name) : IActorRef
    {
        public string Name => name;

        public string Path => "/" + name;

        public void Tell(object message, IActorRef? sender = null)
        {
        }

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => Path.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => name;
    }
}
