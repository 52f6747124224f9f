// Ask round trips (issue 10): one actor awaits 100,000 Asks in a row, each answered with a boxed int,
// the way kernel tasks call the kernel's actors. Op/s is asks per second; Allocated is per ask (the
// reply's box included), so it shows what the runtime's Ask/await path costs in garbage.
// Run: dotnet run -c Release --project bench -- --filter '*RuntimeAsk*' --job short --inProcess
using BenchmarkDotNet.Attributes;
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Bench;

[Config(typeof(RuntimeConfig))]
public class RuntimeAsk
{
    private const int Asks = 100_000;

    [Benchmark(OperationsPerInvoke = Asks)]
    public long AskRoundTrips()
    {
        using var sys = Simulation.Create("ask", new SimulationOptions { RecordTrace = false, MaxSteps = long.MaxValue });
        var answerer = sys.ActorOf(Props.Create(() => new AnswerActor()), "answerer");
        var asker = sys.ActorOf(Props.Create(() => new AskerActor(answerer, Asks)), "asker");
        asker.Tell(new StartAsking());
        return sys.Run().Steps;
    }
}
