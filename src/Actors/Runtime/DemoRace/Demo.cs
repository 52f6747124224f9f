// The built-in demo race: two actors increment a shared counter by reading it (an Ask) and then
// writing the value plus one. If both read before either writes, one increment is lost. Explored
// under pct, it prints how often each outcome occurred and the first seed of each, which
// `modactors` shows until the scenario runner lands.
using Akka.Actor;
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

    internal static Func<RunResult, RunVerdict> Setup(Simulation sys)
    {
        var tally = new DemoTally();
        var counter = sys.ActorOf(Props.Create(() => new DemoCounter(tally)), "counter");
        sys.ActorOf(Props.Create(() => new DemoIncrementer(counter)), "inc-a").Tell(new DemoIncrement());
        sys.ActorOf(Props.Create(() => new DemoIncrementer(counter)), "inc-b").Tell(new DemoIncrement());
        return result =>
        {
            if (result.Outcome != RunOutcome.Quiescent)
            {
                return RunVerdict.FromOutcome(result);
            }

            var value = tally.Value;
            return value == 2
                ? new RunVerdict("counter=2 (both increments kept)", true)
                : new RunVerdict($"counter={value} (lost update: both read before either wrote)", false);
        };
    }
}
