// Stash support (Akka.NET's IWithStash / IStash): an actor implementing IWithStash gets a stash
// injected before PreStart.
namespace ModActors.Runtime;

/// <summary>Implemented by actors that want a stash; the runtime sets <see cref="Stash"/>.</summary>
public interface IWithStash
{
    /// <summary>The actor's stash, set by the runtime when the actor is created.</summary>
    IStash Stash { get; set; }
}

/// <summary>Keeps messages aside until the actor is ready for them.</summary>
public interface IStash
{
    /// <summary>Sets the message being handled aside.</summary>
    void Stash();

    /// <summary>Puts every stashed message back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();
}
