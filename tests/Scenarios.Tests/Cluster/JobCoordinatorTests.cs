// The coordinator actor with TestKit probes as its workers and submitter: seed ranges go to workers as they
// ask, a worker lost mid-range has its unfinished seeds handed to another, a seed that comes back twice is
// counted once, the gathered result prints the same outcome table as one machine, and stop-on-failure ends
// at the first failing seed in seed order and tells every worker to stop.
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ModActors.Scenarios.Cluster;
using ModActors.Scenarios.Stress;
using Xunit;

namespace ModActors.Scenarios.Tests.Cluster;

public sealed class JobCoordinatorTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_worker_lost_mid_range_has_its_unfinished_seeds_reassigned_and_nothing_is_counted_twice()
    {
        var settings = ClusterJobs.Pct(60);
        var job = ClusterJobs.Explore(settings);
        var run = ClusterSimulations.Open(job);
        var coordinator = Sys.ActorOf(Props.Create(() => new JobCoordinator()));
        var client = CreateTestProbe();
        coordinator.Tell(new SubmitJob(job, false), client.Ref);

        var w1 = CreateTestProbe();
        coordinator.Tell(new WorkRequest("w1", 1), w1.Ref);
        var a1 = w1.ExpectMsg<WorkAssignment>(Wait);
        Assert.Equal(0, a1.From);
        var half = a1.From + (a1.To - a1.From) / 2;
        coordinator.Tell(new SeedResults(a1.JobId, a1.AssignmentId, "w1", a1.From, half, run(a1.From, half, 1)), w1.Ref);

        var w2 = CreateTestProbe();
        coordinator.Tell(new WorkRequest("w2", 1), w2.Ref);
        var a2 = w2.ExpectMsg<WorkAssignment>(Wait);
        Assert.Equal(a1.To, a2.From);
        // a seed w1 already delivered comes back again: it must not count twice
        coordinator.Tell(new SeedResults(a2.JobId, a2.AssignmentId, "w2", 0, 1, run(0, 1, 1)), w2.Ref);

        Sys.Stop(w1.Ref);
        var lost = client.FishForMessage<WorkerLost>(_ => true, Wait);
        Assert.Equal(("w1", half, a1.To), (lost.Worker, lost.From, lost.To));

        var finished = Serve(coordinator, client, w2, a2, run);
        Assert.Null(finished.Error);
        Assert.False(finished.Stopped);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), finished.Results.Explore.Select(r => r.Index));
        Assert.Equal(ClusterJobs.OneMachineTable(settings), ClusterJobs.ClusterTable(settings, job, finished.Results));
    }

    [Fact]
    public void Stop_on_failure_ends_at_the_first_failing_seed_and_stops_every_worker()
    {
        var options = ClusterJobs.PlantedStress();
        var oneMachine = StressRunner.Run(options);
        var first = oneMachine.Violations[0].Seed - options.FirstSeed;
        Assert.Null(oneMachine.Seeds[0].Violation);
        var job = ClusterSimulations.StressJob(options);
        var run = ClusterSimulations.Open(job);
        var coordinator = Sys.ActorOf(Props.Create(() => new JobCoordinator()));
        var client = CreateTestProbe();
        coordinator.Tell(new SubmitJob(job, true), client.Ref);

        var w1 = CreateTestProbe();
        coordinator.Tell(new WorkRequest("w1", 1), w1.Ref);
        var a = w1.ExpectMsg<WorkAssignment>(Wait);
        while (a.To <= first)
        {
            coordinator.Tell(new SeedResults(a.JobId, a.AssignmentId, "w1", a.From, a.To, run(a.From, a.To, 1)), w1.Ref);
            coordinator.Tell(new WorkRequest("w1", 1), w1.Ref);
            a = w1.ExpectMsg<WorkAssignment>(Wait);
        }
        // w2 takes seeds after the failing one before w1 reports it
        var w2 = CreateTestProbe();
        coordinator.Tell(new WorkRequest("w2", 1), w2.Ref);
        var held = w2.ExpectMsg<WorkAssignment>(Wait);
        Assert.True(held.From > first);
        coordinator.Tell(new SeedResults(a.JobId, a.AssignmentId, "w1", a.From, a.To, run(a.From, a.To, 1)), w1.Ref);

        var finished = client.FishForMessage<JobFinished>(_ => true, Wait);
        Assert.True(finished.Stopped);
        Assert.Equal(first, finished.FirstFailure);
        Assert.Equal(first + 1, finished.Results.Stress.Length);
        Assert.Equal(held.AssignmentId, w2.ExpectMsg<StopWork>(Wait).AssignmentId);
        var summary = ClusterSimulations.StressSummary(options, finished.Results, TimeSpan.FromSeconds(1));
        var prefix = StressRunner.Run(options with { Seeds = (int)first + 1 });
        Assert.Equal(ClusterJobs.WithoutTimings(prefix.ToText()), ClusterJobs.WithoutTimings(summary.ToText()));
    }

    /// <summary>Plays a worker that computes every assignment it gets, until the job is finished.</summary>
    private JobFinished Serve(IActorRef coordinator, TestProbe client, TestProbe worker, WorkAssignment first, Func<long, long, int, SeedBatch> run)
    {
        var a = first;
        while (true)
        {
            coordinator.Tell(new SeedResults(a.JobId, a.AssignmentId, "w2", a.From, a.To, run(a.From, a.To, 1)), worker.Ref);
            coordinator.Tell(new WorkRequest("w2", 1), worker.Ref);
            var next = worker.ReceiveOne(Wait);
            if (next is WorkAssignment assignment)
            {
                a = assignment;
                continue;
            }
            return client.FishForMessage<JobFinished>(_ => true, Wait);
        }
    }
}
