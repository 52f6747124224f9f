// Terminated: what a watcher receives when a watched actor stops (Akka.NET's Terminated).
namespace ModActors.Runtime;

/// <summary>Delivered to every watcher of <paramref name="ActorRef"/> once it has stopped.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
public sealed record Terminated(IActorRef ActorRef)
{
    /// <inheritdoc/>
    public override string ToString() => $"Terminated({ActorRef.Name})";
}
