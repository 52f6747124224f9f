// A worker: asks the coordinator for seeds, runs its range through the single-machine simulations
// (ClusterSimulations) on the thread pool, sends results back in batches (each batch about a quarter of
// a second of work, so progress is live and a lost worker loses little), stops between batches when the
// coordinator says so, and asks again when the range is done. The simulations never run on the actor's
// own thread, so the node keeps answering the cluster's heartbeats while it computes.
using System.Diagnostics;
using Akka.Actor;

namespace ModActors.Scenarios.Cluster;

internal sealed class SeedWorker : ReceiveActor
{
    private const long MaxBatch = 4096;
    private static readonly TimeSpan BatchTime = TimeSpan.FromMilliseconds(250);

    private readonly IActorRef coordinator;
    private readonly string name;
    private readonly int slots;
    private readonly Func<ClusterJob, Func<long, long, int, SeedBatch>> open;
    private (long JobId, Func<long, long, int, SeedBatch> Run)? runner;
    private (long JobId, long AssignmentId, CancellationTokenSource Stop)? current;

    /// <param name="coordinator">The coordinator (its singleton proxy in a cluster).</param>
    /// <param name="name">How the coordinator shows this worker.</param>
    /// <param name="slots">Simulations run at once.</param>
    /// <param name="open">Makes a job's runner (<see cref="ClusterSimulations.Open"/>).</param>
    public SeedWorker(IActorRef coordinator, string name, int slots, Func<ClusterJob, Func<long, long, int, SeedBatch>> open)
    {
        this.coordinator = coordinator;
        this.name = name;
        this.slots = slots;
        this.open = open;
        Receive<WorkAssignment>(Start);
        Receive<StopWork>(s =>
        {
            if (current is { } c && c.JobId == s.JobId && c.AssignmentId == s.AssignmentId)
                c.Stop.Cancel();
        });
        Receive<RangeEnded>(e =>
        {
            if (current is not { } c || c.AssignmentId != e.AssignmentId)
                return;
            c.Stop.Dispose();
            current = null;
            if (e.Error is not null)
                Sender.Tell(new WorkFailed(c.JobId, name, e.Error));
            this.coordinator.Tell(new WorkRequest(name, slots));
        });
    }

    protected override void PreStart() => coordinator.Tell(new WorkRequest(name, slots));

    protected override void PostStop() => current?.Stop.Cancel();

    private void Start(WorkAssignment a)
    {
        var replyTo = Sender;
        if (current is not null)
            return;
        Func<long, long, int, SeedBatch> run;
        try
        {
            if (runner is not { } r || r.JobId != a.JobId)
                runner = (a.JobId, open(a.Job));
            run = runner.Value.Run;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException)
        {
            replyTo.Tell(new WorkFailed(a.JobId, name, e.Message));
            coordinator.Tell(new WorkRequest(name, slots));
            return;
        }
        var stop = new CancellationTokenSource();
        current = (a.JobId, a.AssignmentId, stop);
        var self = Self;
        var token = stop.Token;
        Task.Run(() => RunRange(a, run, replyTo, self, token), CancellationToken.None)
            .ContinueWith(
                t => new RangeEnded(a.AssignmentId, t.Exception?.GetBaseException().Message),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
            .PipeTo(self, replyTo);
    }

    private void RunRange(WorkAssignment a, Func<long, long, int, SeedBatch> run, IActorRef replyTo, IActorRef self, CancellationToken stop)
    {
        var size = (long)slots;
        for (var i = a.From; i < a.To && !stop.IsCancellationRequested;)
        {
            var end = Math.Min(a.To, i + size);
            var clock = Stopwatch.StartNew();
            var batch = run(i, end, slots);
            replyTo.Tell(new SeedResults(a.JobId, a.AssignmentId, name, i, end, batch), self);
            i = end;
            if (clock.Elapsed < BatchTime)
                size = Math.Min(MaxBatch, size * 2);
        }
    }

    private sealed record RangeEnded(long AssignmentId, string? Error);
}
