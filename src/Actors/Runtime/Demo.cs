// The built-in demo race: two actors increment a shared counter by reading it (an Ask) and then
// writing the value plus one. If both read before either writes, one increment is lost. Explored
// under pct, it prints how often each outcome occurred and the first seed of each, which
// `modactors` shows until the scenario runner lands.
namespace ModActors.Runtime;

/// <summary>A two-actor lost-update race explored under pct.</summary>
public static class Demo
{
    /// <summary>Explores the race over <paramref name="runs"/> pct seeds and returns printable lines.</summary>
    public static IReadOnlyList<string> Run(long runs = 200, long firstSeed = 0, int parallelism = 0)
    {
        var options = new ExploreOptions
        {
            Mode = ExploreMode.Pct,
            Runs = runs,
            FirstSeed = firstSeed,
            Depth = 2,
            Name = "demo",
            Parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount,
        };
        var report = Explorer.Run(options, Setup);
        var lines = new List<string>
        {
            "demo race: two actors each read a shared counter, then write it back plus one",
        };
        lines.AddRange(report.ToLines());
        return lines;
    }

    internal static Func<RunResult, RunVerdict> Setup(ActorSystem sys)
    {
        var counter = sys.ActorOf(Props.Create<Counter>(), "counter");
        sys.ActorOf(Props.Create(() => new Incrementer(counter)), "inc-a").Tell(new Increment());
        sys.ActorOf(Props.Create(() => new Incrementer(counter)), "inc-b").Tell(new Increment());
        return result =>
        {
            if (result.Outcome != RunOutcome.Quiescent)
            {
                return RunVerdict.FromOutcome(result);
            }

            var value = ((Counter)((ActorCell)counter).Actor).Value;
            return value == 2
                ? new RunVerdict("counter=2 (both increments kept)", true)
                : new RunVerdict($"counter={value} (lost update: both read before either wrote)", false);
        };
    }

    private sealed record Increment;

    private sealed record Read;

    private sealed record Write(int Value);

    private sealed class Counter : ReceiveActor
    {
        public Counter()
        {
            Receive<Read>(_ => Sender.Tell(Value));
            Receive<Write>(w =>
            {
                Value = w.Value;
                Context.Annotate("counter=" + Value);
            });
        }

        public int Value { get; private set; }
    }

    private sealed class Incrementer : ReceiveActor
    {
        public Incrementer(IActorRef counter) =>
            ReceiveAsync<Increment>(async _ =>
            {
                var value = await counter.Ask<int>(new Read());
                counter.Tell(new Write(value + 1), Self);
            });
    }
}
