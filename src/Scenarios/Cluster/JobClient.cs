// The submitting side of a job, in the process of the explore or stress command: sends the job to the
// coordinator, keeps the latest progress report and the lost-worker notices for the command's display
// (read from another thread), and completes when the job's results arrive.
using System.Collections.Concurrent;
using Akka.Actor;

namespace ModActors.Scenarios.Cluster;

/// <summary>What the command shows while a job runs: the latest progress, and notices to print once.</summary>
internal sealed class JobWatch
{
    private readonly TaskCompletionSource<JobFinished> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile JobProgress? progress;

    /// <summary>The latest progress report, or null before the first.</summary>
    public JobProgress? Progress => progress;

    /// <summary>Lines to print once (a worker was lost and its seeds reassigned).</summary>
    public ConcurrentQueue<string> Notices { get; } = new();

    /// <summary>Completes with the job's end.</summary>
    public Task<JobFinished> Finished => finished.Task;

    internal void Update(JobProgress p) => progress = p;

    internal void Finish(JobFinished f) => finished.TrySetResult(f);
}

internal sealed class JobClient : ReceiveActor
{
    private readonly IActorRef coordinator;
    private readonly SubmitJob submit;

    public JobClient(IActorRef coordinator, SubmitJob submit, JobWatch watch, long firstSeed, string unit)
    {
        this.coordinator = coordinator;
        this.submit = submit;
        Receive<JobProgress>(watch.Update);
        Receive<WorkerLost>(l => watch.Notices.Enqueue(
            $"cluster: worker {l.Worker} lost; its unfinished {unit} {firstSeed + l.From}..{firstSeed + l.To - 1} go to the other workers"));
        Receive<JobFinished>(watch.Finish);
    }

    protected override void PreStart() => coordinator.Tell(submit);
}
