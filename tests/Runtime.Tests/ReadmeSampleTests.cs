// The README's sample, kept true: a user-written Akka.NET actor race (two customers withdraw from one
// account after reading its balance with an Ask) explored under pct, which finds the double withdrawal
// and names its seed; replaying the failing run's schedule gives the same trace.
using Akka.Actor;
using ModActors.Runtime;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed record Withdraw(int Amount);

public sealed record GetBalance;

public sealed record SetBalance(int Value);

public sealed class Account : ReceiveActor
{
    public Account(int[] balance)
    {
        Receive<GetBalance>(_ => Sender.Tell(balance[0]));
        Receive<SetBalance>(m => balance[0] = m.Value);
    }
}

public sealed class Customer : ReceiveActor
{
    public Customer(IActorRef account, int[] paidOut)
    {
        ReceiveAsync<Withdraw>(async w =>
        {
            var balance = await Context.Ask<int>(account, new GetBalance()); // a scheduling point
            if (balance >= w.Amount)
            {
                account.Tell(new SetBalance(balance - w.Amount));
                paidOut[0] += w.Amount;
            }
        });
    }
}

public sealed class ReadmeSampleTests
{
    private static Func<RunResult, RunVerdict> Race(Simulation sim)
    {
        var balance = new[] { 100 };
        var paidOut = new[] { 0 };
        var account = sim.ActorOf(Props.Create(() => new Account(balance)), "account");
        sim.ActorOf(Props.Create(() => new Customer(account, paidOut)), "alice").Tell(new Withdraw(80));
        sim.ActorOf(Props.Create(() => new Customer(account, paidOut)), "bob").Tell(new Withdraw(80));
        return result => new RunVerdict($"paid out {paidOut[0]} of 100", paidOut[0] <= 100);
    }

    [Fact]
    public void Pct_finds_the_double_withdrawal_and_names_its_seed()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Runs = 200, Depth = 2 }, Race);
        var lines = report.ToLines();
        Assert.NotNull(report.FirstFailure);
        Assert.Contains(lines, l => l.Contains("FAIL paid out 160 of 100", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("pass paid out 80 of 100", StringComparison.Ordinal));
        var again = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Runs = 200, Depth = 2 }, Race);
        Assert.Equal(lines, again.ToLines());
    }

    [Fact]
    public void The_failing_seed_replays_to_the_same_trace()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Runs = 200, Depth = 2 }, Race);
        var (first, verdict) = Explorer.Rerun(report, report.FirstFailure!, Race);
        Assert.False(verdict.Passed);
        var (replayed, again) = Explorer.Replay(first.Schedule, Race);
        Assert.Equal(verdict, again);
        Assert.Equal(first.Trace.ToText(), replayed.Trace.ToText());
    }
}
