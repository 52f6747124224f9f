// TestKit (Akka.TestKit's idioms on virtual time, with no test-framework dependency: a failed
// expectation throws TestKitAssertionException). The test thread drives the simulation while it
// waits, so timeouts are virtual and tests never sleep.
using System.Globalization;

namespace ModActors.Runtime.TestKit;

/// <summary>A simulation plus expectations on it; dispose it at the end of the test.</summary>
public class TestKit : IDisposable
{
    private readonly Stack<TimeSpan> withinDeadlines = new();
    private TestProbe? testActor;
    private int probes;

    /// <summary>Creates a kit around a new simulation.</summary>
    public TestKit(string name = "test", SimulationOptions? options = null)
        : this(ActorSystem.Create(name, options))
    {
    }

    /// <summary>Creates a kit around an existing simulation.</summary>
    public TestKit(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        Sys = system;
    }

    /// <summary>The simulation under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>How long expectations wait by default (virtual time; 3 s as in Akka).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The kit's own probe, created on first use and named "testActor".</summary>
    public TestProbe TestActor => testActor ??= new TestProbe(this, "testActor");

    /// <summary>Creates a probe; without a name it is called probe-1, probe-2, ...</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(this, name ?? "probe-" + (++probes).ToString(CultureInfo.InvariantCulture));

    /// <summary>Expects the next message of <see cref="TestActor"/> to be a matching <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null) => TestActor.ExpectMsg(isMessage, timeout);

    /// <summary>Expects the next message of <see cref="TestActor"/> to equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) => TestActor.ExpectMsg(expected, timeout);

    /// <summary>Expects no message to <see cref="TestActor"/> during <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration) => TestActor.ExpectNoMsg(duration);

    /// <summary>Skips messages to <see cref="TestActor"/> until a matching one arrives.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null) => TestActor.FishForMessage(isMessage, max);

    /// <summary>Runs <paramref name="body"/> and asserts it took at most <paramref name="max"/> of virtual time.</summary>
    public void Within(TimeSpan max, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Within(max, () =>
        {
            body();
            return true;
        });
    }

    /// <summary>Runs <paramref name="body"/> and asserts it took at most <paramref name="max"/> of virtual time.</summary>
    public T Within<T>(TimeSpan max, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = Sys.Now;
        withinDeadlines.Push(start + max);
        T result;
        try
        {
            result = body();
        }
        finally
        {
            withinDeadlines.Pop();
        }

        var took = Sys.Now - start;
        if (took > max)
        {
            throw new TestKitAssertionException(
                $"Within({TraceStep.FormatTime(max)}): the block took {TraceStep.FormatTime(took)} of virtual time");
        }

        return result;
    }

    /// <summary>Runs the simulation until <paramref name="condition"/> holds, failing after <paramref name="max"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var wait = Clamp(max ?? DefaultTimeout);
        if (!Sys.RunUntil(condition, wait))
        {
            throw new TestKitAssertionException(
                $"AwaitCondition: {message ?? "condition"} did not hold within {TraceStep.FormatTime(wait)} of virtual time; the simulation: {Sys.Result}");
        }
    }

    /// <summary>Runs until nothing is left to do and asserts the run is quiescent (no failure, deadlock or violation).</summary>
    public RunResult RunUntilQuiet()
    {
        var result = Sys.Run();
        if (result.Outcome != RunOutcome.Quiescent)
        {
            throw new TestKitAssertionException("the simulation did not end quiescent: " + result);
        }

        return result;
    }

    /// <summary>Disposes the simulation.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the simulation.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Sys.Dispose();
        }
    }

    internal TimeSpan Clamp(TimeSpan wait)
    {
        if (withinDeadlines.Count == 0)
        {
            return wait;
        }

        var left = withinDeadlines.Peek() - Sys.Now;
        return left < wait ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : wait;
    }
}
