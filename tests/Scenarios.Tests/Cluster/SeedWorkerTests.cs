// The worker actor with a TestKit probe as its coordinator: it asks for work, runs its range in batches
// that cover the range exactly once and give one machine's results for those seeds, asks again when done,
// stops between batches when told, and reports a job it cannot run instead of failing silently.
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ModActors.Scenarios.Cluster;
using Xunit;

namespace ModActors.Scenarios.Tests.Cluster;

public sealed class SeedWorkerTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_worker_runs_its_range_in_batches_with_one_machines_results_and_asks_again()
    {
        var settings = ClusterJobs.Pct(40);
        var job = ClusterJobs.Explore(settings);
        var coordinator = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new SeedWorker(coordinator.Ref, "w", 1, ClusterSimulations.Open)));
        Assert.Equal(new WorkRequest("w", 1), coordinator.ExpectMsg<WorkRequest>(Wait));
        coordinator.Reply(new WorkAssignment(1, 7, job, 10, 40));

        var seeds = new List<ExploreSeed>();
        var batches = 0;
        while (seeds.Count < 30)
        {
            var r = coordinator.ExpectMsg<SeedResults>(Wait);
            Assert.Equal((1L, 7L, "w", 10L + seeds.Count), (r.JobId, r.AssignmentId, r.Worker, r.From));
            Assert.Equal(r.To - r.From, r.Batch.Explore.Length);
            seeds.AddRange(r.Batch.Explore);
            batches++;
        }
        Assert.Equal(new WorkRequest("w", 1), coordinator.ExpectMsg<WorkRequest>(Wait));
        Assert.True(batches > 1);

        var sc = ClusterJobs.Scenario();
        var oneMachine = ScenarioExplorer.Report(new ScenarioSetup(sc), settings).Runs.Skip(10).ToList();
        Assert.Equal(oneMachine.Select(r => (r.Index, r.Seed, r.Key, r.Passed, r.Steps)), seeds.Select(r => (r.Index, r.Seed, r.Key, r.Passed, r.Steps)));
    }

    [Fact]
    public void Stop_work_stops_the_worker_between_batches_and_it_asks_for_more()
    {
        var job = ClusterJobs.Explore(ClusterJobs.Pct(1_000_000));
        var coordinator = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new SeedWorker(coordinator.Ref, "w", 1, ClusterSimulations.Open)));
        coordinator.ExpectMsg<WorkRequest>(Wait);
        coordinator.Reply(new WorkAssignment(3, 9, job, 0, 1_000_000));
        coordinator.ExpectMsg<SeedResults>(Wait);
        coordinator.Reply(new StopWork(3, 9));
        var next = coordinator.FishForMessage(m => m is WorkRequest, Wait);
        Assert.IsType<WorkRequest>(next);
    }

    [Fact]
    public void A_job_the_worker_cannot_load_is_reported_with_the_reason()
    {
        var job = new ClusterJob(0, 10, new ExploreJobSpec("broken.yaml", "tasks:\n  a: [ jump: 1 ]\n", "pct", 3, 1000, 10), null);
        var coordinator = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new SeedWorker(coordinator.Ref, "w", 1, ClusterSimulations.Open)));
        coordinator.ExpectMsg<WorkRequest>(Wait);
        coordinator.Reply(new WorkAssignment(5, 1, job, 0, 10));
        var failed = coordinator.ExpectMsg<WorkFailed>(Wait);
        Assert.Equal((5L, "w"), (failed.JobId, failed.Worker));
        Assert.Contains("broken.yaml:2:8: unknown key 'jump'", failed.Error, StringComparison.Ordinal);
        coordinator.ExpectMsg<WorkRequest>(Wait);
    }
}
