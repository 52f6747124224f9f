// The messages of the exploration cluster: a job (a scenario's explore settings or a stress workload's
// options, over a range of seeds), the work requests and seed-range assignments between the coordinator
// and its workers, the seeds' results, and what the coordinator tells the command that submitted the job.
// Seeds are named by their index in the job (seed = FirstSeed + index); ranges are [From, To).
using ModActors.Runtime;
using ModActors.Scenarios.Stress;

namespace ModActors.Scenarios.Cluster;

/// <summary>A message sent between the nodes of the cluster (serialized by <see cref="ClusterMessageSerializer"/>).</summary>
internal interface IClusterMessage;

/// <summary>A scenario explored under random or pct seeds; the scenario travels as its text.</summary>
internal sealed record ExploreJobSpec(string ScenarioPath, string ScenarioText, string Strategy, int Depth, long MaxSteps, long PctSteps);

/// <summary>A stress workload: every option a seed's simulation depends on.</summary>
internal sealed record StressJobSpec(int Modules, int Tasks, int Ops, string Mix, string Profile, string Strategy, int Depth,
    int FailingInits, string Plant);

/// <summary>One job: <paramref name="Seeds"/> seeds from <paramref name="FirstSeed"/>, of an exploration or a stress run.</summary>
internal sealed record ClusterJob(long FirstSeed, long Seeds, ExploreJobSpec? Explore, StressJobSpec? Stress)
{
    /// <summary>What one seed is called in progress lines.</summary>
    public string Unit => Explore is null ? "seeds" : "schedules";
}

/// <summary>One explored seed, as <see cref="ExploredRun"/> has it (the schedule as its JSON, kept for failed runs).</summary>
internal sealed record ExploreSeed(long Index, long Seed, string Key, bool Passed, RunOutcome Outcome, long Steps, string? Schedule, string? Detail);

/// <summary>Calls of one kind that returned one value.</summary>
internal sealed record StressCount(StressCall Call, int Rc, long Count);

/// <summary>One stress seed's result (the schedule as its JSON, kept when the seed had a violation).</summary>
internal sealed record StressSeed(long Index, long Seed, RunOutcome Outcome, long Steps, long VirtualTicks, string? Violation, string? Schedule,
    long DuplicateLoads, long WastedBytes, int ModulesLeft, StressCount[] Counts);

/// <summary>Results of consecutive seeds (one of the arrays is used) and the processor time they cost.</summary>
internal sealed record SeedBatch(ExploreSeed[] Explore, StressSeed[] Stress, double CpuSeconds, long PeakMemoryBytes)
{
    /// <summary>No results.</summary>
    public static SeedBatch Empty { get; } = new([], [], 0, 0);
}

/// <summary>A worker asks for seeds; <paramref name="Slots"/> is how many simulations it runs at once.</summary>
internal sealed record WorkRequest(string Worker, int Slots) : IClusterMessage;

/// <summary>The coordinator hands seeds [From, To) of a job to the worker that asked.</summary>
internal sealed record WorkAssignment(long JobId, long AssignmentId, ClusterJob Job, long From, long To) : IClusterMessage;

/// <summary>A worker's results for seeds [From, To) of an assignment.</summary>
internal sealed record SeedResults(long JobId, long AssignmentId, string Worker, long From, long To, SeedBatch Batch) : IClusterMessage;

/// <summary>Stop working on an assignment: the job is finished, or stopped at a failing seed before the assignment's seeds.</summary>
internal sealed record StopWork(long JobId, long AssignmentId) : IClusterMessage;

/// <summary>A worker could not run the job (for example its scenario does not load there).</summary>
internal sealed record WorkFailed(long JobId, string Worker, string Error) : IClusterMessage;

/// <summary>A command submits a job; with <paramref name="StopOnFailure"/> it ends at the first failing seed.</summary>
internal sealed record SubmitJob(ClusterJob Job, bool StopOnFailure) : IClusterMessage;

/// <summary>How far a worker is in the current job.</summary>
internal sealed record WorkerProgress(string Worker, long Done, double PerSecond, bool Lost);

/// <summary>How far the job is: seeds done of the total, per worker, and the outcomes so far.</summary>
internal sealed record JobProgress(long JobId, long Done, long Total, WorkerProgress[] Workers, int Outcomes, long Failed) : IClusterMessage;

/// <summary>A worker left or died; its unfinished seeds [From, To) go to the others.</summary>
internal sealed record WorkerLost(long JobId, string Worker, long From, long To) : IClusterMessage;

/// <summary>
/// The job's end: the results of seeds 0 .. n-1 in seed order (n = all seeds, or up to the first failing seed when
/// stopped there), or the error that ended it.
/// </summary>
internal sealed record JobFinished(long JobId, SeedBatch Results, long? FirstFailure, bool Stopped, string? Error) : IClusterMessage;
