// Async handlers under the deterministic layer: awaits of the layer's own waits (Ask, Sleep, Yield), even
// through nested async methods, resume the actor in steps of its own and give the same trace for the same
// seed; `await Task.Yield()` is no scheduling point; an await of anything outside the simulation (Task.Delay,
// an Akka Ask with its real-time timeout) never hangs a run: the run reports the actor blocked on a task
// outside the simulation, and the continuation, arriving from another thread, fails the run.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class AsyncHandlerTests
{
    /// <summary>On a string, asks the echo twice through nested async methods, sleeps, yields, and logs.</summary>
    private sealed class Caller : ReceiveActor
    {
        public Caller(IActorRef echo, List<string> log) => ReceiveAsync<string>(async m =>
        {
            var context = Context;
            var first = await Twice(context, echo, 1);
            await context.Sleep(TimeSpan.FromMilliseconds(5));
            await context.Yield();
            var second = await Twice(context, echo, 10);
            log.Add($"{Self.Path.Name} {m} {first} {second} at {context.Now.TotalMilliseconds}ms");
        });

        private static async Task<int> Twice(IActorContext context, IActorRef echo, int n)
        {
            var a = await context.Ask<Pong>(echo, new Ping(n));
            var b = await context.Ask<Pong>(echo, new Ping(a.N + 1));
            return b.N;
        }
    }

    private static (string Trace, List<string> Log) Race(long seed)
    {
        using var sim = Simulation.Create("nested", new SimulationOptions { Strategy = new RandomStrategy(seed) });
        var log = new List<string>();
        var echo = sim.ActorOf(Props.Create(() => new EchoActor()), "echo");
        foreach (var name in new[] { "a", "b", "c" })
        {
            sim.ActorOf(Props.Create(() => new Caller(echo, log)), name).Tell("go");
        }

        var run = sim.Run();
        Assert.Equal(RunOutcome.Quiescent, run.Outcome);
        return (run.Trace.ToText(), log);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Awaits_through_nested_async_methods_resume_in_steps_of_their_own_and_repeat_under_a_seed(long seed)
    {
        var (trace, log) = Race(seed);
        var (again, logAgain) = Race(seed);

        Assert.Equal(trace, again);
        Assert.Equal(log, logAgain);
        Assert.Equal(3, log.Count);
        Assert.All(log, l => Assert.EndsWith(" go 2 11 at 5ms", l, StringComparison.Ordinal));
        Assert.Equal(3 * 4, trace.Split('\n').Count(l => l.Contains(" -> echo Ping", StringComparison.Ordinal)));
        Assert.Equal(3, trace.Split('\n').Count(l => l.Contains("timer -> ", StringComparison.Ordinal) && l.EndsWith("resume sleep 5ms", StringComparison.Ordinal)));
        Assert.Equal(3, trace.Split('\n').Count(l => l.EndsWith("resume yield", StringComparison.Ordinal)));
    }

    private sealed class TaskYielder : ReceiveActor
    {
        public TaskYielder(List<string> log) => ReceiveAsync<string>(async m =>
        {
            log.Add("before " + m);
            await Task.Yield();
            log.Add("after " + m);
        });
    }

    [Fact]
    public void Await_Task_Yield_is_no_scheduling_point_the_handler_finishes_in_the_same_step()
    {
        using var sim = Simulation.Create("task-yield");
        var log = new List<string>();
        sim.ActorOf(Props.Create(() => new TaskYielder(log)), "a").Tell("go", ActorRefs.NoSender);
        var run = sim.Run();
        Assert.Equal(RunOutcome.Quiescent, run.Outcome);
        Assert.Equal(["before go", "after go"], log);
        Assert.Equal("#1 t=0ms - -> a go", Assert.Single(run.Trace.Steps).ToString());
    }

    private sealed class RealTimeAwaiter : ReceiveActor
    {
        public RealTimeAwaiter(IActorRef silent, List<string> log)
        {
            ReceiveAsync<string>(
                async _ =>
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20));
                    log.Add("delay done");
                },
                m => m == "delay");
            ReceiveAsync<string>(
                async _ =>
                {
                    await silent.Ask<Pong>(new Ping(1), TimeSpan.FromMilliseconds(20));
                    log.Add("ask answered");
                },
                m => m == "akka ask");
        }
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => Receive<Ping>(_ => { });
    }

    [Theory]
    [InlineData("delay", "delay")]
    [InlineData("akka ask", "akka ask")]
    public void An_await_of_real_time_never_hangs_the_run_and_its_continuation_fails_it_from_the_foreign_thread(string what, string message)
    {
        using var sim = Simulation.Create("real-time");
        var log = new List<string>();
        var silent = sim.ActorOf(Props.Create<Silent>(), "silent");
        sim.ActorOf(Props.Create(() => new RealTimeAwaiter(silent, log)), "awaiter").Tell(what);

        var first = sim.Run();
        Assert.Equal(RunOutcome.Deadlock, first.Outcome);
        var blocked = Assert.Single(first.Deadlock!.Blocked);
        Assert.Equal("awaiter", blocked.Party);
        Assert.Equal($"a task outside the simulation (awaiting in {message})", blocked.What);

        RunResult result = first;
        Assert.True(
            SpinWait.SpinUntil(() => (result = sim.Run()).Outcome == RunOutcome.Failure, TimeSpan.FromSeconds(30)),
            "the real-time continuation never reached the simulation: " + result);
        Assert.Equal("(foreign thread)", result.Failure!.Actor);
        Assert.Contains("from another thread (an actor awaited a task outside the simulation", result.Failure.Error, StringComparison.Ordinal);
        Assert.Empty(log);
    }

    private sealed class AkkaAsker : ReceiveActor
    {
        public AkkaAsker(IActorRef echo, List<string> log) => ReceiveAsync<Go>(async _ =>
        {
            var pong = await echo.Ask<Pong>(new Ping(5));
            log.Add("got " + pong.N);
        });
    }

    [Fact]
    public void Akka_s_own_ask_without_a_timeout_is_answered_within_the_run_and_traced_the_same_on_every_run()
    {
        var traces = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            using var sim = Simulation.Create("akka-ask");
            var log = new List<string>();
            var echo = sim.ActorOf(Props.Create<EchoActor>(), "echo");
            sim.ActorOf(Props.Create(() => new AkkaAsker(echo, log)), "asker").Tell(new Go());
            var result = sim.Run();
            Assert.Equal(RunOutcome.Quiescent, result.Outcome);
            Assert.Equal(["got 5"], log);
            traces.Add(result.Trace.ToText());
        }

        Assert.Equal(traces[0], traces[1]);
    }
}
