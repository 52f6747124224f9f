// pct finds a depth-2 bug within the number of runs its guarantee promises: Burckhardt et al.
// (ASPLOS 2010) prove each run finds a bug of depth d with probability at least 1/(n k^(d-1))
// for n actors and k steps, so with n = 3 and k = 30 a depth-2 bug needs at most 90 runs on
// average.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class PctTests
{
    private sealed record Work(int Left);

    private sealed class Progress
    {
        public int ADone { get; set; }

        public int? ASeenByB { get; set; }
    }

    private sealed class Worker : ReceiveActor
    {
        public Worker(Progress progress, bool isA, bool isB) =>
            Receive<Work>(w =>
            {
                if (isA)
                {
                    progress.ADone++;
                }

                if (isB && progress.ASeenByB == null)
                {
                    progress.ASeenByB = progress.ADone;
                }

                if (w.Left > 1)
                {
                    Self.Tell(new Work(w.Left - 1));
                }
            });
    }

    /// <summary>Three actors of ten steps each; the bug: b's first step falls between a's 5th and 6th.</summary>
    private static Func<RunResult, RunVerdict> DepthTwoBug(Simulation sys)
    {
        var progress = new Progress();
        sys.ActorOf(Props.Create(() => new Worker(progress, true, false)), "a").Tell(new Work(10));
        sys.ActorOf(Props.Create(() => new Worker(progress, false, true)), "b").Tell(new Work(10));
        sys.ActorOf(Props.Create(() => new Worker(progress, false, false)), "c").Tell(new Work(10));
        sys.AddInvariant("b starts outside a's middle", () => progress.ASeenByB == 5 ? "b ran between a's 5th and 6th step" : null);
        return RunVerdict.FromOutcome;
    }

    [Fact]
    public void Pct_finds_a_depth_two_bug_within_its_expected_number_of_runs()
    {
        const int n = 3;
        const int k = 30;
        const int bound = n * k;
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Depth = 2, PctSteps = k, Runs = bound }, DepthTwoBug);
        Assert.Equal(30, Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Runs = 1 }, DepthTwoBug).PctSteps);
        Assert.NotNull(report.FirstFailure);
        Assert.True(report.Failed >= 1);
        Assert.Equal(RunOutcome.InvariantViolation, report.FirstFailure!.Outcome);
    }

    [Fact]
    public void Pct_hits_the_depth_two_bug_at_least_as_often_as_its_guarantee_over_many_seeds()
    {
        const int runs = 900;
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Depth = 2, PctSteps = 30, Runs = runs }, DepthTwoBug);
        Assert.True(report.Failed >= runs / 90, $"pct found the bug in {report.Failed} of {runs} runs; the guarantee is >= 1/90");
    }

    [Fact]
    public void Pct_with_depth_one_never_preempts_and_so_misses_the_depth_two_bug()
    {
        var report = Explorer.Run(new ExploreOptions { Mode = ExploreMode.Pct, Depth = 1, PctSteps = 30, Runs = 200 }, DepthTwoBug);
        Assert.Equal(0, report.Failed);
    }
}
