// Small Akka actors the runtime tests are built from (in the spirit of Akka.TestKit's TestActors).
using Akka.Actor;
using Akka.Actor.Internal;

namespace ModActors.Runtime.Tests;

public sealed record Ping(int N);

public sealed record Pong(int N);

public sealed record Go;

/// <summary>Replies Pong(n) to every Ping(n).</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => Receive<Ping>(p => Sender.Tell(new Pong(p.N), Self));
}

/// <summary>Appends every message it handles to a shared log, tagged with its own name.</summary>
public sealed class LogActor : ReceiveActor
{
    public LogActor(List<string> log) => ReceiveAny(m => log.Add(Self.Path.Name + ":" + m));
}

/// <summary>On Go, asks its peer a Ping and waits for the answer (a party of a planted ask cycle).</summary>
public sealed class AskPeerActor : ReceiveActor
{
    public AskPeerActor(Func<IActorRef> peer)
    {
        ReceiveAsync<Go>(async _ => await Context.Ask<Pong>(peer(), new Ping(1)));
        Receive<Ping>(p => Sender.Tell(new Pong(p.N)));
    }
}

/// <summary>Helpers for running code as a program outside any actor would.</summary>
internal static class TestActors
{
    /// <summary>
    /// Runs <paramref name="body"/> with no current actor on this thread, so a Tell without a sender has none
    /// (Akka's TestKit makes its TestActor the implicit sender of the thread that created it).
    /// </summary>
    public static T OutsideAnyActor<T>(Func<T> body)
    {
        var current = InternalCurrentActorCellKeeper.Current;
        InternalCurrentActorCellKeeper.Current = null;
        try
        {
            return body();
        }
        finally
        {
            InternalCurrentActorCellKeeper.Current = current;
        }
    }
}
