// The coordinator: a cluster singleton that takes jobs one at a time, hands ranges of the job's seeds to
// workers as they ask for work (lowest seeds first, ranges shrinking as the job nears its end so the
// workers finish together), keeps each seed's result once, and gives a lost worker's unfinished range
// to the others. A job ends when every seed is in, or, with stop-on-failure, when every seed up to the
// first failing one is in; then every worker is told to stop and the submitter gets the results in seed
// order. The submitter gets a progress report twice a second.
using System.Diagnostics;
using Akka.Actor;

namespace ModActors.Scenarios.Cluster;

internal sealed class JobCoordinator : ReceiveActor, IWithTimers
{
    private const long MaxRange = 100_000;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<IActorRef, WorkerState> workers = [];
    private readonly List<IActorRef> idle = [];
    private readonly Queue<(SubmitJob Submit, IActorRef Client)> queue = new();
    private Job? job;
    private long lastJobId;
    private long lastAssignmentId;

    public JobCoordinator()
    {
        Receive<SubmitJob>(s =>
        {
            queue.Enqueue((s, Sender));
            if (job is null)
                StartNext();
        });
        Receive<WorkRequest>(Request);
        Receive<SeedResults>(Results);
        Receive<WorkFailed>(f =>
        {
            if (job is { } j && j.Id == f.JobId)
                Finish(j, $"worker {f.Worker}: {f.Error}");
        });
        Receive<Terminated>(t => Lose(t.ActorRef));
        Receive<ProgressTick>(_ =>
        {
            if (job is { } j)
                j.Client.Tell(Progress(j));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private void StartNext()
    {
        if (!queue.TryDequeue(out var next))
            return;
        job = new Job(++lastJobId, next.Submit.Job, next.Submit.StopOnFailure, next.Client);
        Timers.StartPeriodicTimer("progress", ProgressTick.Instance, ProgressEvery);
        Dispatch();
    }

    private void Request(WorkRequest r)
    {
        if (!workers.TryGetValue(Sender, out var w))
        {
            w = new WorkerState(r.Worker, Math.Max(1, r.Slots));
            workers[Sender] = w;
            Context.Watch(Sender);
        }
        GiveBack(Sender, w);
        if (!idle.Contains(Sender))
            idle.Add(Sender);
        Dispatch();
    }

    private void Results(SeedResults r)
    {
        if (job is not { } j || j.Id != r.JobId)
            return;
        j.Store.Put(r.Batch);
        j.Tally(r.Worker).Add(r.To - r.From);
        if (j.Assignments.TryGetValue(r.AssignmentId, out var a) && r.From <= a.Next)
            a.Next = Math.Max(a.Next, r.To);
        if (j.StopOnFailure && j.Store.FirstFailure is { } f && f + 1 < j.Store.Limit)
            StopAt(j, f + 1);
        if (j.Store.Complete)
            Finish(j, null);
    }

    /// <summary>The result ends at seed index <paramref name="limit"/> - 1: nothing above it is handed out or kept running.</summary>
    private void StopAt(Job j, long limit)
    {
        j.Store.StopAtFirstFailure();
        j.Ranges.CutAt(limit);
        foreach (var (id, a) in j.Assignments.Where(e => e.Value.From >= limit).ToList())
        {
            a.Worker.Tell(new StopWork(j.Id, id));
            j.Assignments.Remove(id);
            if (workers.TryGetValue(a.Worker, out var w))
                w.Assignment = null;
        }
    }

    private void Finish(Job j, string? error)
    {
        Timers.Cancel("progress");
        foreach (var (id, a) in j.Assignments)
        {
            a.Worker.Tell(new StopWork(j.Id, id));
            if (workers.TryGetValue(a.Worker, out var w))
                w.Assignment = null;
        }
        j.Client.Tell(Progress(j));
        j.Client.Tell(new JobFinished(j.Id, error is null ? j.Store.Results() : SeedBatch.Empty,
            j.StopOnFailure ? j.Store.FirstFailure : null, j.StopOnFailure && j.Store.FirstFailure is not null, error));
        job = null;
        StartNext();
    }

    private void Lose(IActorRef worker)
    {
        if (!workers.Remove(worker, out var w))
            return;
        idle.Remove(worker);
        if (job is { } j && w.Assignment is { } a && j.Assignments.Remove(a.Id))
        {
            var to = Math.Min(a.To, j.Store.Limit);
            j.Tally(w.Name).Lost = true;
            if (a.Next < to)
            {
                j.Ranges.Return(a.Next, to);
                j.Client.Tell(new WorkerLost(j.Id, w.Name, a.Next, to));
            }
        }
        Dispatch();
    }

    /// <summary>A worker asking again is done with its assignment; whatever of it did not come back is handed out again.</summary>
    private void GiveBack(IActorRef worker, WorkerState w)
    {
        if (w.Assignment is not { } a)
            return;
        w.Assignment = null;
        if (job is { } j && j.Assignments.Remove(a.Id))
            j.Ranges.Return(a.Next, Math.Min(a.To, j.Store.Limit));
    }

    private void Dispatch()
    {
        while (job is { } j && idle.Count > 0 && !j.Ranges.IsEmpty)
        {
            var worker = idle[0];
            idle.RemoveAt(0);
            var w = workers[worker];
            var perSlot = j.Spec.Explore is null ? 1 : 16;
            var share = (j.Ranges.Count + 4L * workers.Count - 1) / (4L * workers.Count);
            var (from, to) = j.Ranges.Take(Math.Min(MaxRange, Math.Max(perSlot * w.Slots, share)));
            var a = new Assignment(++lastAssignmentId, worker, from, to);
            j.Assignments[a.Id] = a;
            w.Assignment = a;
            j.Tally(w.Name).Start();
            worker.Tell(new WorkAssignment(j.Id, a.Id, j.Spec, from, to));
        }
    }

    private static JobProgress Progress(Job j) => new(j.Id, j.Store.Done, j.Store.Limit,
        [.. j.Tallies.Select(t => new WorkerProgress(t.Key, t.Value.Done, t.Value.PerSecond, t.Value.Lost))],
        j.Store.Outcomes, j.Store.Failed);

    private sealed class ProgressTick
    {
        public static ProgressTick Instance { get; } = new();
    }

    private sealed class WorkerState(string name, int slots)
    {
        public string Name { get; } = name;

        public int Slots { get; } = slots;

        public Assignment? Assignment { get; set; }
    }

    private sealed class Assignment(long id, IActorRef worker, long from, long to)
    {
        public long Id { get; } = id;

        public IActorRef Worker { get; } = worker;

        public long From { get; } = from;

        public long To { get; } = to;

        /// <summary>The first seed of the range whose result has not come back.</summary>
        public long Next { get; set; } = from;
    }

    private sealed class WorkerTally
    {
        private readonly Stopwatch clock = new();

        public long Done { get; private set; }

        public bool Lost { get; set; }

        public double PerSecond => clock.Elapsed.TotalSeconds > 0 ? Done / clock.Elapsed.TotalSeconds : 0;

        public void Start() => clock.Start();

        public void Add(long seeds) => Done += seeds;
    }

    private sealed class Job(long id, ClusterJob spec, bool stopOnFailure, IActorRef client)
    {
        public long Id { get; } = id;

        public ClusterJob Spec { get; } = spec;

        public bool StopOnFailure { get; } = stopOnFailure;

        public IActorRef Client { get; } = client;

        public SeedStore Store { get; } = new(spec);

        public SeedRanges Ranges { get; } = new(spec.Seeds);

        public Dictionary<long, Assignment> Assignments { get; } = [];

        public SortedDictionary<string, WorkerTally> Tallies { get; } = new(StringComparer.Ordinal);

        public WorkerTally Tally(string worker)
        {
            if (!Tallies.TryGetValue(worker, out var t))
                Tallies[worker] = t = new WorkerTally();
            return t;
        }
    }
}
