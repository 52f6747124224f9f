// Props.WithInlineAwaits: an actor whose handlers await only the runtime's waits (Ask, Sleep, Yield, through
// nested async methods) runs without a SynchronizationContext, and its schedule, trace and results are those
// of the same actor with one.
using ModActors.Runtime;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class InlineAwaitsTests
{
    /// <summary>On a string, asks the echo twice through nested async methods, sleeps, yields, and logs.</summary>
    private sealed class Caller : ReceiveActor
    {
        public Caller(IActorRef echo, List<string> log) => ReceiveAsync<string>(async m =>
        {
            var first = await Twice(echo, 1);
            await Context.Sleep(TimeSpan.FromMilliseconds(5));
            await Context.Yield();
            var second = await Twice(echo, 10);
            log.Add($"{Self.Name} {m} {first} {second} at {Context.Now.TotalMilliseconds}ms");
        });

        private static async Task<int> Twice(IActorRef echo, int n)
        {
            var a = await echo.Ask<Pong>(new Ping(n));
            var b = await echo.Ask<Pong>(new Ping(a.N + 1));
            return b.N;
        }
    }

    private static (string Trace, List<string> Log) Race(bool inline, long seed)
    {
        using var sys = ActorSystem.Create("inline", new SimulationOptions { Strategy = new RandomStrategy(seed) });
        var log = new List<string>();
        var echo = sys.ActorOf(Props.Create(() => new EchoActor()), "echo");
        foreach (var name in new[] { "a", "b", "c" })
        {
            var props = Props.Create(() => new Caller(echo, log));
            sys.ActorOf(inline ? props.WithInlineAwaits() : props, name).Tell("go");
        }

        var run = sys.Run();
        Assert.Equal(RunOutcome.Quiescent, run.Outcome);
        return (string.Join("\n", run.Trace.Steps), log);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_inline_awaits_actor_has_the_same_trace_and_results_as_one_with_a_synchronization_context(long seed)
    {
        var (withContext, logWith) = Race(inline: false, seed);
        var (inline, logInline) = Race(inline: true, seed);

        Assert.Equal(withContext, inline);
        Assert.Equal(logWith, logInline);
        Assert.Equal(3, logInline.Count);
        Assert.All(logInline, l => Assert.EndsWith(" go 2 11 at 5ms", l, StringComparison.Ordinal));
    }
}
