// TestProbe (Akka.TestKit's): an actor reference whose received messages a test expects, on
// virtual time. While a test waits, the test thread drives the simulation, so "within 3 seconds"
// means 3 seconds of virtual time and returns at once.
using System.Globalization;

namespace ModActors.Runtime.TestKit;

/// <summary>An actor reference whose received messages a test can expect.</summary>
public sealed class TestProbe : IActorRef, ITraceNamed
{
    private readonly TestKit kit;
    private readonly ProbeActor probe;

    internal TestProbe(TestKit kit, string name)
    {
        this.kit = kit;
        Cell = (ActorCell)kit.Sys.ActorOf(Props.Create(() => new ProbeActor()), name);
        probe = (ProbeActor)Cell.Actor;
    }

    /// <inheritdoc/>
    public string Name => Cell.Name;

    /// <inheritdoc/>
    public string Path => Cell.Path;

    /// <summary>The sender of the last message taken by an expectation.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.NoSender;

    /// <summary>Messages received and not yet taken by an expectation.</summary>
    public int Pending => probe.Received.Count;

    internal ActorCell Cell { get; }

    string ITraceNamed.TraceName => Cell.TraceName;

    /// <inheritdoc/>
    public void Tell(object message, IActorRef? sender = null) => Cell.Tell(message, sender);

    /// <summary>Expects the next message to be a <typeparamref name="T"/> satisfying <paramref name="isMessage"/>.</summary>
    public T ExpectMsg<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null)
    {
        var message = Next(timeout, typeof(T).Name);
        if (message is not T typed)
        {
            throw new TestKitAssertionException(
                $"{Name}: expected a {typeof(T).Name} but got {ActorSystem.FormatMessage(message)} at t={TraceStep.FormatTime(kit.Sys.Now)}");
        }

        if (isMessage != null && !isMessage(typed))
        {
            throw new TestKitAssertionException(
                $"{Name}: got {ActorSystem.FormatMessage(message)}, which does not satisfy the expectation");
        }

        return typed;
    }

    /// <summary>Expects the next message to equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var message = Next(timeout, ActorSystem.FormatMessage(expected));
        if (!expected.Equals(message))
        {
            throw new TestKitAssertionException(
                $"{Name}: expected {ActorSystem.FormatMessage(expected)} but got {ActorSystem.FormatMessage(message)}");
        }

        return expected;
    }

    /// <summary>Expects no message during <paramref name="duration"/> of virtual time.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (kit.Sys.RunUntil(() => probe.Received.Count > 0, kit.Clamp(duration)))
        {
            throw new TestKitAssertionException(
                $"{Name}: expected no message for {TraceStep.FormatTime(duration)} but got {ActorSystem.FormatMessage(probe.Received[0].Message)} at t={TraceStep.FormatTime(kit.Sys.Now)}");
        }
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> satisfying <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var deadline = kit.Sys.Now + kit.Clamp(max ?? kit.DefaultTimeout);
        while (true)
        {
            var left = deadline - kit.Sys.Now;
            var message = Next(left < TimeSpan.Zero ? TimeSpan.Zero : left, "a matching " + typeof(T).Name);
            if (message is T typed && isMessage(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>Takes the next message of any type.</summary>
    public object ReceiveOne(TimeSpan? timeout = null) => Next(timeout, "any message");

    /// <summary>Whether the reference is this probe.</summary>
    public bool Equals(IActorRef? other) => other != null && Cell.Equals(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Cell.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Cell.TraceName;

    private object Next(TimeSpan? timeout, string what)
    {
        var wait = kit.Clamp(timeout ?? kit.DefaultTimeout);
        if (!kit.Sys.RunUntil(() => probe.Received.Count > 0, wait))
        {
            var state = kit.Sys.Result;
            var why = state.Outcome is RunOutcome.Quiescent ? string.Empty : "\nthe simulation stopped: " + state;
            throw new TestKitAssertionException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Name}: timeout ({TraceStep.FormatTime(wait)} of virtual time) waiting for {what}; t={TraceStep.FormatTime(kit.Sys.Now)}{why}"));
        }

        var envelope = probe.Received.PopFront();
        LastSender = envelope.Sender ?? ActorRefs.NoSender;
        return envelope.Message;
    }
}
