// The step loop: ask the strategy which enabled actor runs, deliver one message to it or resume its
// async handler once, let Akka finish the lifecycle work that caused, record the step, check the
// invariants; when nothing is enabled, advance virtual time to the next timer; when there is no timer
// either, the run is quiescent or deadlocked.
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;
using ModActors.Runtime.Dispatch;
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime;

public sealed partial class Simulation
{
    private const int TraceTailLength = 20;

    private List<(string Name, Func<string?> Check)>? invariants;
    private ActorSlot? running;
    private TraceStep? currentStep;
    private List<string>? pendingAnnotations;
    private RunResult? ended;
    private readonly int ownerThread;

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

    internal ActorSlot? Running => running;

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
        if (Environment.CurrentManagedThreadId != ownerThread)
        {
            throw new InvalidOperationException("a simulation runs on the thread that created it");
        }

        var outerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (true)
            {
                host.DrainEager();
                if (host.ForeignCall is { } foreign && ended == null)
                {
                    FailScheduler("(foreign thread)", foreign);
                }

                if (ended != null)
                {
                    return LoopExit.Ended;
                }

                if (condition != null && condition())
                {
                    return LoopExit.ConditionMet;
                }

                if (ready.Count == 0)
                {
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
            SynchronizationContext.SetSynchronizationContext(outerContext);
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

        var slot = ready.Take(index);
        running = slot;
        currentStep = null;
        try
        {
            if (slot.HasResumptions)
            {
                Resume(slot, step);
            }
            else
            {
                slot.HasDelivery = false;
                pendingStep = step;
                SimulationHost.RunMailbox(slot, slot.Mailbox!, 1);
            }

            host.DrainEager();
        }
        finally
        {
            running = null;
            currentStep = null;
        }

        if (!slot.InReady && slot.Enabled)
        {
            ready.Add(slot);
        }
    }

    private long pendingStep;

    /// <summary>The message about to be delivered in the running step (called from the gated dequeue).</summary>
    internal void Delivering(ActorSlot slot, Envelope envelope)
    {
        if (recordTrace && ReferenceEquals(slot, running))
        {
            BeginTraceStep(pendingStep, NameOf(envelope.Sender), slot, FormatMessage(envelope.Message));
        }
    }

    private void Resume(ActorSlot slot, long step)
    {
        var resumption = slot.TakeResumption();
        if (recordTrace)
        {
            var cause = resumption.Cause switch
            {
                null => "resume",
                string text => "resume " + text,
                var message => "resume " + FormatMessage(message),
            };
            BeginTraceStep(step, resumption.From, slot, cause);
        }

        ((StepDispatcher)resumption.Cell.Dispatcher).Release(resumption.Cell, resumption.Message);
        SimulationHost.RunMailbox(slot, resumption.Cell.Mailbox!, 0);
    }

    /// <summary>An await continuation for <paramref name="slot"/>'s actor: its resumption becomes a choice.</summary>
    internal void Hold(ActorSlot slot, ActorCell cell, SystemMessage message)
    {
        if (slot.IsStopped)
        {
            return;
        }

        var cause = resumeCause;
        slot.Hold(new Resumption(message, cell, cause?.From ?? running?.TraceName ?? "outside", cause?.What));
        if (!slot.InReady)
        {
            ready.Add(slot);
        }
    }

    /// <summary>Akka reports that an actor's handler threw: the run fails (Akka would restart it silently).</summary>
    internal void ChildFailed(Failed failed)
    {
        var cause = failed.Cause;
        while (cause is ActorInitializationException or AggregateException or TypeLoadException or TargetInvocationException
            && cause.InnerException is { } inner)
        {
            cause = inner;
        }

        var slot = SlotOf(failed.Child);
        Fail(slot?.TraceName ?? failed.Child.Path.ToStringWithoutAddress(), slot?.CurrentMessage ?? "(constructor)", cause);
    }

    private void BeginTraceStep(long step, string from, ActorSlot to, string message)
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

    private void CheckInvariants()
    {
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

    private void Fail(string party, object message, Exception e)
    {
        if (ended != null)
        {
            return;
        }

        var report = new FailureReport(
            party,
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

    /// <summary>
    /// The name of <paramref name="actor"/> in traces: its path below /user, the asker of a temporary ask, or
    /// "temp" for Akka's own temporary actors (an Akka Ask's PromiseActorRef), whose names count up over the
    /// life of the reused system.
    /// </summary>
    internal static string NameOf(IActorRef? actor) => actor switch
    {
        null => "-",
        PendingAsk ask => ask.TraceName,
        _ when SlotOf(actor) is { } slot => slot.TraceName,
        _ when actor.IsNobody() => "-",
        _ when actor.Path.Elements is ["temp", ..] => "temp",
        _ => actor.Path.Name,
    };

    /// <summary>A message as traces show it; Akka refs inside it appear as their path below /user, without the random uid.</summary>
    internal static string FormatMessage(object message)
    {
        var text = message.ToString();
        var type = message.GetType();
        if (text == null || text == type.ToString())
        {
            return type.Name;
        }

        return text.Contains("[akka://", StringComparison.Ordinal)
            ? ActorRefText().Replace(text, m => m.Groups[1].Value.StartsWith("temp/", StringComparison.Ordinal) ? "temp" : m.Groups[1].Value)
            : text;
    }

    [GeneratedRegex(@"\[akka://[^/\]]+/(?:user/)?([^#\]]*)(?:#-?\d+)?\]")]
    private static partial Regex ActorRefText();
}
