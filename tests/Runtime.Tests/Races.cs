// Small racy programs the scheduling tests explore.
using ModActors.Runtime;

namespace ModActors.Runtime.Tests;

public sealed record Add(string Who);

/// <summary>Three writers each tell a log actor their name a number of times; the log records the order.</summary>
internal static class Races
{
    public static List<string> Writers(ActorSystem sys, int writers, int messagesEach)
    {
        var log = new List<string>();
        var sink = sys.ActorOf(Props.Create(() => new SinkActor(log)), "sink");
        for (var w = 0; w < writers; w++)
        {
            var writer = sys.ActorOf(Props.Create(() => new WriterActor(sink)), "w" + w);
            for (var m = 0; m < messagesEach; m++)
            {
                writer.Tell(new Go());
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
        public WriterActor(IActorRef sink) => Receive<Go>(_ => sink.Tell(new Add(Self.Name), Self));
    }
}
