// Small racy programs the scheduling tests explore.
using Akka.Actor;

namespace ModActors.Runtime.Tests;

public sealed record Add(string Who);

/// <summary>Writers each tell a log actor their name a number of times; the log records the order.</summary>
internal static class Races
{
    public static List<string> Writers(Simulation sim, int writers, int messagesEach)
    {
        var log = new List<string>();
        var sink = sim.ActorOf(Props.Create(() => new SinkActor(log)), "sink");
        for (var w = 0; w < writers; w++)
        {
            var writer = sim.ActorOf(Props.Create(() => new WriterActor(sink)), "w" + w);
            for (var m = 0; m < messagesEach; m++)
            {
                writer.Tell(new Go(), ActorRefs.NoSender);
            }
        }

        return log;
    }

    private sealed class SinkActor : ReceiveActor
    {
        public SinkActor(List<string> log) => Receive<Add>(a =>
        {
            log.Add(a.Who);
            Context.Annotate("log=" + string.Join(",", log));
        });
    }

    private sealed class WriterActor : ReceiveActor
    {
        public WriterActor(IActorRef sink) => Receive<Go>(_ => sink.Tell(new Add(Self.Path.Name), Self));
    }
}
