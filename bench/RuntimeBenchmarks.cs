// Runtime benchmarks (issue 2): deliveries per second for ping-pong on one core and for fan-out/
// fan-in 1 -> 1000 -> 1, complete schedules per second when exploring a 3-actor 30-step race on
// all cores, and bytes per idle actor. Op/s is deliveries (or schedules) per second; Allocated is
// per delivery (or per actor).
// Run: dotnet run -c Release --project bench -- --filter '*Runtime*' --job short
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Bench;

/// <summary>Adds the operations-per-second column (deliveries/s, schedules/s).</summary>
public sealed class RuntimeConfig : ManualConfig
{
    public RuntimeConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
    }
}

[Config(typeof(RuntimeConfig))]
public class RuntimePingPong
{
    private const int Deliveries = 1_000_000;

    /// <summary>
    /// Deliveries per second of CPU time consumed by this single-threaded process: a figure that stays
    /// meaningful when other work shares the machine and wall-clock Op/s is diluted.
    /// </summary>
    [GlobalSetup]
    public void ReportCpuRate()
    {
        PingPong();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var steps = 0L;
        for (var i = 0; i < 10; i++)
        {
            steps += PingPong();
        }

        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"// ping-pong deliveries per CPU-second: {steps / seconds:F0}");
    }

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public long PingPong()
    {
        using var sys = Simulation.Create("pingpong", new SimulationOptions { RecordTrace = false, MaxSteps = long.MaxValue });
        var pong = sys.ActorOf(Props.Create(() => new PongActor()), "pong");
        var ping = sys.ActorOf(Props.Create(() => new PingActor(pong, Deliveries / 2)), "ping");
        ping.Tell(new Ball(), pong);
        return sys.Run().Steps;
    }
}

[Config(typeof(RuntimeConfig))]
public class RuntimeFanOut
{
    private const int Width = 1000;
    private const int Rounds = 100;

    [Benchmark(OperationsPerInvoke = 2 * Width * Rounds)]
    public long FanOutFanIn()
    {
        using var sys = Simulation.Create("fanout", new SimulationOptions { RecordTrace = false, MaxSteps = long.MaxValue });
        sys.ActorOf(Props.Create(() => new FanOutActor(Width, Rounds)), "coordinator").Tell(new Job());
        return sys.Run().Steps;
    }
}

[Config(typeof(RuntimeConfig))]
public class RuntimeExploration
{
    private const int Schedules = 20_000;

    [Benchmark(OperationsPerInvoke = Schedules)]
    public long RandomSchedules() =>
        Explorer.Run(new ExploreOptions { Mode = ExploreMode.Random, Runs = Schedules }, RaceActor.Setup).Runs.Count;

    [Benchmark(OperationsPerInvoke = Schedules)]
    public long DfsSchedules() =>
        Explorer.Run(new ExploreOptions { Mode = ExploreMode.Dfs, MaxSchedules = Schedules }, RaceActor.Setup).Runs.Count;
}

[Config(typeof(RuntimeConfig))]
public class RuntimeIdleActorMemory
{
    private const int Actors = 10_000;
    private static readonly Props IdleProps = Props.Create(() => new PongActor());

    /// <summary>Bytes allocated per idle actor, measured with GC.GetAllocatedBytesForCurrentThread.</summary>
    public static double BytesPerIdleActor()
    {
        using var sys = Simulation.Create("idle", new SimulationOptions { RecordTrace = false });
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Actors; i++)
        {
            sys.ActorOf(IdleProps, "a" + i);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Actors;
    }

    [GlobalSetup]
    public void Report() => Console.WriteLine($"// bytes per idle actor (GC.GetAllocatedBytesForCurrentThread): {BytesPerIdleActor():F0}");

    [Benchmark(OperationsPerInvoke = Actors)]
    public int CreateIdleActors()
    {
        using var sys = Simulation.Create("idle", new SimulationOptions { RecordTrace = false });
        for (var i = 0; i < Actors; i++)
        {
            sys.ActorOf(IdleProps, "a" + i);
        }

        return Actors;
    }
}

/// <summary>
/// The competitor in the same run: the same ping-pong on Akka's default dispatcher (thread pool, default
/// throughput), in an ordinary ActorSystem created once.
/// </summary>
[Config(typeof(RuntimeConfig))]
public class AkkaDefaultDispatcherPingPong
{
    private const int Deliveries = 1_000_000;
    private ActorSystem? system;
    private int run;

    [GlobalSetup]
    public void Start() => system = ActorSystem.Create("default", "akka.loglevel = OFF\nakka.stdout-loglevel = OFF");

    [GlobalCleanup]
    public void Stop() => system?.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = Deliveries)]
    public void PingPong()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var n = run++;
        var pong = system!.ActorOf(Props.Create(() => new PongActor()), "pong" + n);
        var ping = system.ActorOf(Props.Create(() => new PingActor(pong, Deliveries / 2, done)), "ping" + n);
        ping.Tell(new Ball(), pong);
        done.Task.Wait();
        system.Stop(ping);
        system.Stop(pong);
    }
}
