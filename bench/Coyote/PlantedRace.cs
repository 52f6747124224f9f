// The race the Coyote comparison runs on both runtimes: two workers A and B each send seven numbered
// messages to a sink, one message per step (a worker re-sends itself Go after each), so a run is 28
// steps of 3 actors. A planted bug of depth d is an order of arrival at the sink that needs d ordering
// constraints between the workers' steps: depth 1 "all of B before A" (B7 < A1), depth 2 "AAA BBBBBBB
// AAAA" (A3 < B1, B7 < A4), depth 3 "AA BBB AAAAA BBBB" (A2 < B1, B3 < A3, A7 < B4). Depth 0 has no bug
// (used for schedules/s). The sink checks the order after each message.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Bench.Coyote;

internal static class PlantedRace
{
    public const int MessagesEach = 7;

    private static readonly string[] Patterns = ["", "BBBBBBB", "AAABBBBBBB", "AABBBAAAAA"];

    /// <summary>Whether the sink's log so far completes the planted bug of <paramref name="depth"/>.</summary>
    public static bool Bug(int depth, string log) => depth > 0 && log.Length == Patterns[depth].Length && log == Patterns[depth];

    /// <summary>Builds the race in a ModActors simulation; the verdict fails when the sink saw the bug.</summary>
    public static Func<Simulation, Func<RunResult, RunVerdict>> Setup(int depth) => sys =>
    {
        var sink = sys.ActorOf(Props.Create(() => new SinkActor(depth)), "sink");
        var a = sys.ActorOf(Props.Create(() => new SenderActor(sink, "A")), "A");
        var b = sys.ActorOf(Props.Create(() => new SenderActor(sink, "B")), "B");
        a.Tell(Go.Instance);
        b.Tell(Go.Instance);
        return RunVerdict.FromOutcome;
    };

    private sealed record Go
    {
        public static Go Instance { get; } = new();
    }

    private sealed record Arrived(string Who);

    private sealed class SinkActor : ReceiveActor
    {
        private string log = "";

        public SinkActor(int depth) => Receive<Arrived>(m =>
        {
            log += m.Who;
            if (Bug(depth, log))
            {
                throw new InvalidOperationException("planted bug: the sink saw " + log);
            }
        });
    }

    private sealed class SenderActor : ReceiveActor
    {
        private int sent;

        public SenderActor(IActorRef sink, string name)
        {
            var message = new Arrived(name);
            Receive<Go>(go =>
            {
                sink.Tell(message, Self);
                if (++sent < MessagesEach)
                {
                    Self.Tell(go, Self);
                }
            });
        }
    }
}
