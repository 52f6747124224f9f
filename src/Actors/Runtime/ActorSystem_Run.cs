// The step loop: ask the strategy which enabled actor runs, run one delivery or one resumption of
// it, record the step, check the invariants; when nothing is enabled, advance virtual time to the
// next timer; when there is no timer either, the run is quiescent or deadlocked.
using System.Runtime.CompilerServices;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

public sealed partial class ActorSystem
{
    private const int TraceTailLength = 20;

    private List<(string Name, Func<string?> Check)>? invariants;
    private ActorCell? running;
    private TraceStep? currentStep;
    private List<string>? pendingAnnotations;
    private RunResult? ended;
    private int ownerThread;
    private volatile string? foreignPost;
    private SynchronizationContext? installedContext;

    private enum LoopExit
    {
        Idle,
        ConditionMet,
        Ended,
    }

    /// <summary>Steps executed so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>Runs until quiescence, deadlock, failure, an invariant violation or the step limit.</summary>
    public RunResult Run()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return Loop(null, long.MaxValue) == LoopExit.Ended ? ended! : IdleResult();
    }

    /// <summary>
    /// Runs until <paramref name="condition"/> holds (checked before every step) and returns true;
    /// returns false when the run cannot progress, has ended, or would pass <paramref name="maxVirtualTime"/>
    /// from now (the clock then stands at that deadline).
    /// </summary>
    public bool RunUntil(Func<bool> condition, TimeSpan? maxVirtualTime = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ObjectDisposedException.ThrowIf(disposed, this);
        var deadline = maxVirtualTime is { } max ? nowTicks + max.Ticks : long.MaxValue;
        return Loop(condition, deadline) == LoopExit.ConditionMet;
    }

    /// <summary>The result the run would report if it stopped now, without running anything.</summary>
    public RunResult Result => ended ?? IdleResult();

    internal ActorCell? Running => running;

    internal void Annotate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!recordTrace)
        {
            return;
        }

        if (currentStep != null)
        {
            currentStep.Annotate(text);
        }
        else
        {
            (pendingAnnotations ??= []).Add(text);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LoopExit Loop(Func<bool>? condition, long deadline)
    {
        var outerContext = SynchronizationContext.Current;
        var outerFootprints = Footprint.Enter(footprints); // POR hook
        installedContext = null;
        SynchronizationContext.SetSynchronizationContext(null);
        ownerThread = Environment.CurrentManagedThreadId;
        try
        {
            while (true)
            {
                if (foreignPost != null && ended == null)
                {
                    FailScheduler("(foreign thread)", foreignPost);
                }

                if (ended != null)
                {
                    return LoopExit.Ended;
                }

                if (condition != null && ConditionHolds(condition))
                {
                    return LoopExit.ConditionMet;
                }

                if (ready.Count == 0)
                {
                    InstallContext(null);
                    if (!FireNextTimers(deadline))
                    {
                        if (deadline != long.MaxValue && deadline > nowTicks)
                        {
                            nowTicks = deadline;
                        }

                        return LoopExit.Idle;
                    }

                    continue;
                }

                if (StepCount >= maxSteps)
                {
                    End(new RunResult(RunOutcome.StepLimit, StepCount, Now, Trace, Schedule));
                    return LoopExit.Ended;
                }

                Step();
                if (invariants != null && ended == null)
                {
                    CheckInvariants();
                }
            }
        }
        finally
        {
            installedContext = null;
            SynchronizationContext.SetSynchronizationContext(outerContext);
            Footprint.Exit(outerFootprints); // POR hook
        }
    }

    /// <summary>
    /// Makes <paramref name="context"/> current. Between steps an actor's context may stay installed
    /// (saving a thread-static write per step); everything that runs outside a step and may complete
    /// tasks (timers, conditions, invariants) installs null first, so no continuation runs inline.
    /// </summary>
    private void InstallContext(SynchronizationContext? context)
    {
        if (!ReferenceEquals(context, installedContext))
        {
            installedContext = context;
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step()
    {
        var step = ++StepCount;
        var index = 0;
        if (!isFifo)
        {
            try
            {
                index = strategy.Choose(ready, step);
                if ((uint)index >= (uint)ready.Count)
                {
                    throw new ScheduleDivergenceException($"strategy {strategy.Name} chose {index} of {ready.Count} candidates");
                }
            }
            catch (Exception e)
            {
                FailScheduler("(scheduler)", e.Message);
                return;
            }

            if (ready.Count > 1)
            {
                choices.Add(index);
            }
        }

        var cell = ready.Take(index);
        footprints?.BeginStep(cell.Id); // POR hook: the step's own actor
        running = cell;
        InstallContext(cell.StepContext);
        try
        {
            if (cell.HasResumptions)
            {
                RunResumption(cell, step);
            }
            else
            {
                Deliver(cell, step);
            }

            if (cell.StopRequested)
            {
                StopCell(cell);
            }
        }
        finally
        {
            running = null;
            currentStep = null;
            footprints?.EndStep(); // POR hook
        }

        if (!cell.InReady && cell.Enabled)
        {
            ready.Add(cell);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deliver(ActorCell cell, long step)
    {
        var envelope = cell.TakeMessage();
        footprints?.Receive(cell.Id); // POR hook: which message the step takes
        if (recordTrace)
        {
            BeginTraceStep(step, NameOf(envelope.Sender), cell, FormatMessage(envelope.Message));
        }

        try
        {
            var runningTask = cell.Actor.AroundReceive(envelope.Message);
            if (runningTask != null)
            {
                if (!runningTask.IsCompleted)
                {
                    cell.Suspend(runningTask);
                    runningTask.ContinueWith(
                        static (task, state) => ((ActorCell)state!).System.HandlerTaskCompleted((ActorCell)state!, task),
                        cell,
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
                else if (runningTask.IsFaulted)
                {
                    Fail(cell, envelope.Message, runningTask.Exception!.InnerException ?? runningTask.Exception);
                }
            }
        }
        catch (Exception e)
        {
            Fail(cell, envelope.Message, e);
        }
    }

    /// <summary>
    /// A suspended handler's task completed. If it completed inside the actor's own step the step
    /// itself resumes the mailbox; otherwise (a handler returned a task that a timer or another
    /// actor completes) the actor gets a resumption step.
    /// </summary>
    private void HandlerTaskCompleted(ActorCell cell, Task task)
    {
        var sameThread = Environment.CurrentManagedThreadId == ownerThread;
        if (sameThread && (ReferenceEquals(running, cell) || !ReferenceEquals(cell.SuspendedTask, task)))
        {
            return;
        }

        if (cell.InlineAwaits && ReferenceEquals(cell.SuspendedTask, task))
        {
            foreignPost ??= $"{cell.TraceName}: its handler finished outside its own steps (an actor created with " +
                "Props.WithInlineAwaits may await only Ask, Expect, Sleep, Yield and its own async methods)";
            return;
        }

        PostResumption(cell, static _ => { }, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunResumption(ActorCell cell, long step)
    {
        var resumption = cell.TakeResumption();
        if (recordTrace)
        {
            var cause = resumption.Cause switch
            {
                null => "resume",
                string text => "resume " + text,
                var message => "resume " + FormatMessage(message),
            };
            BeginTraceStep(step, resumption.From, cell, cause);
        }

        try
        {
            resumption.Callback(resumption.State);
        }
        catch (Exception e)
        {
            Fail(cell, cell.Current.Message ?? "(resumption)", e);
            return;
        }

        if (cell.Suspended && cell.SuspendedTask!.IsCompleted)
        {
            var finished = cell.SuspendedTask;
            cell.Resume();
            if (finished.IsFaulted)
            {
                Fail(cell, cell.Current.Message, finished.Exception!.InnerException ?? finished.Exception);
            }
        }
    }

    private void BeginTraceStep(long step, string from, ActorCell to, string message)
    {
        var traceStep = new TraceStep(step, Now, from, to.TraceName, message);
        Trace.Add(traceStep);
        currentStep = traceStep;
        if (pendingAnnotations != null)
        {
            foreach (var a in pendingAnnotations)
            {
                traceStep.Annotate(a);
            }

            pendingAnnotations = null;
        }
    }

    private bool ConditionHolds(Func<bool> condition)
    {
        InstallContext(null);
        return condition();
    }

    private void CheckInvariants()
    {
        InstallContext(null);
        foreach (var (name, check) in invariants!)
        {
            string? violation;
            try
            {
                violation = check();
            }
            catch (Exception e)
            {
                FailScheduler("(invariant " + name + ")", e.GetType().Name + ": " + e.Message);
                return;
            }

            if (violation != null)
            {
                End(new RunResult(RunOutcome.InvariantViolation, StepCount, Now, Trace, Schedule)
                {
                    Violation = $"{name}: {violation} (step {StepCount})",
                });
                return;
            }
        }
    }

    private void Fail(ActorCell cell, object message, Exception e)
    {
        if (ended != null)
        {
            return;
        }

        var report = new FailureReport(
            cell.TraceName,
            message is string s ? s : FormatMessage(message),
            StepCount,
            strategy.Name,
            strategy.Seed,
            e,
            e.GetType().Name + ": " + e.Message,
            Trace.Tail(TraceTailLength));
        End(new RunResult(RunOutcome.Failure, StepCount, Now, Trace, Schedule) { Failure = report });
    }

    private void FailScheduler(string party, string error)
    {
        var report = new FailureReport(party, "-", StepCount, strategy.Name, strategy.Seed, null, error, Trace.Tail(TraceTailLength));
        End(new RunResult(RunOutcome.Failure, StepCount, Now, Trace, Schedule) { Failure = report });
    }

    private void End(RunResult result) => ended ??= result;

    internal static string NameOf(IActorRef? actor) => actor switch
    {
        null => "-",
        ITraceNamed named => named.TraceName,
        _ => actor.Name,
    };

    internal static string FormatMessage(object message)
    {
        var text = message.ToString();
        var type = message.GetType();
        return text == null || text == type.ToString() ? type.Name : text;
    }
}
