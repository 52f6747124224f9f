// The test assembly's entry point, for the tests that need a second process: `dotnet
// ModActors.Runtime.Tests.dll RACE STRATEGY SEED` runs one of the races below under the strategy and
// prints its whole trace, so a test can compare traces made in different processes (string hashes,
// actor uids and the order of Akka's child containers differ from one process to the next).
using Akka.Actor;

namespace ModActors.Runtime.Tests;

internal static class TraceProgram
{
    public static int Main(string[] args)
    {
        if (args.Length != 3 || !long.TryParse(args[2], out var seed))
        {
            Console.Error.WriteLine("usage: ModActors.Runtime.Tests RACE fifo|random|pct SEED");
            return 2;
        }

        Console.Out.Write(Trace(args[0], KernelRaceTraceTests.Strategy(args[1], seed)));
        return 0;
    }

    /// <summary>The races the cross-process tests run.</summary>
    public static IReadOnlyList<string> RaceNames { get; } = ["writers", "children", "kernel"];

    /// <summary>The full trace text of <paramref name="race"/> under <paramref name="strategy"/>.</summary>
    public static string Trace(string race, ISchedulingStrategy strategy) => TestActors.OutsideAnyActor(() => Run(race, strategy));

    private static string Run(string race, ISchedulingStrategy strategy)
    {
        if (race == "kernel")
        {
            return KernelRaceTraceTests.RaceText(strategy, 12);
        }

        using var sim = Simulation.Create(race, new SimulationOptions { Strategy = strategy });
        if (race == "writers")
        {
            Races.Writers(sim, 3, 3);
        }
        else
        {
            Family(sim);
        }

        var result = sim.Run();
        return result.Outcome + "\n" + string.Join(",", result.Schedule.Choices) + "\n" + result.Trace.ToText();
    }

    /// <summary>A parent with many children, each watched by a watcher; the parent stops itself and so all of them.</summary>
    private static void Family(Simulation sim)
    {
        var parent = sim.ActorOf(Props.Create<FamilyParent>(), "parent");
        sim.ActorOf(Props.Create(() => new FamilyWatcher(parent)), "watcher");
    }

    private sealed class FamilyParent : ReceiveActor
    {
        public FamilyParent()
        {
            var children = Enumerable.Range(0, 12).Select(i => Context.ActorOf(Props.Create<EchoActor>(), "kid-" + (char)('a' + i))).ToList();
            Receive<string>(_ => Sender.Tell(children), s => s == "children");
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
        }
    }

    private sealed class FamilyWatcher : ReceiveActor
    {
        public FamilyWatcher(IActorRef parent)
        {
            parent.Tell("children");
            Receive<List<IActorRef>>(children =>
            {
                foreach (var child in children)
                {
                    Context.Watch(child);
                    child.Tell(new Ping(children.IndexOf(child)));
                }

                parent.Tell("stop");
            });
            Receive<Pong>(p => Context.Annotate("pong " + p.N));
            Receive<Terminated>(t => Context.Annotate("gone " + t.ActorRef.Path.Name));
        }
    }
}
