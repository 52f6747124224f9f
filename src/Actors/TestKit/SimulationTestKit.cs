// Akka.TestKit.Xunit2 against actors of a simulation. The kit's own ActorSystem is Akka's usual test
// system; its probes (TestActor, CreateTestProbe) run on Akka's CallingThreadDispatcher, so a message a
// simulated actor tells a probe lands in the probe's queue within that actor's step and is never a
// choice of the strategy. Expectations drive the simulation on the test thread until the probe has a
// message, for at most the given virtual time, then check it with the TestKit's own assertions: time
// is virtual and tests never sleep. Akka's TestKit makes its TestActor the implicit sender of every Tell on
// the test's thread and never unsets it; the kit unsets it when it is disposed, so that a later run on the
// same thread does not trace a dead test actor as the sender of messages told from outside.
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.TestKit;
using ModActors.Runtime;

namespace ModActors.TestKit;

/// <summary>An xunit TestKit whose expectations run a <see cref="Simulation"/> while they wait.</summary>
public class SimulationTestKit : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>How long an expectation runs the simulation by default (virtual time; 3 s as in Akka).</summary>
    public static readonly TimeSpan DefaultVirtualTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Creates the kit and a simulation under <paramref name="options"/>.</summary>
    public SimulationTestKit(SimulationOptions? options = null, string name = "test")
        : base("akka.loglevel = OFF\nakka.stdout-loglevel = OFF\nakka.log-dead-letters = off")
    {
        Sim = Simulation.Create(name, options);
    }

    /// <summary>The simulation under test.</summary>
    public Simulation Sim { get; }

    /// <summary>Runs the simulation until <paramref name="probe"/> has a message, for at most <paramref name="max"/> of virtual time.</summary>
    public bool RunUntilMessage(TestProbe probe, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.HasMessages || Sim.RunUntil(() => probe.HasMessages, max ?? DefaultVirtualTimeout);
    }

    /// <summary>Expects the next message of <paramref name="probe"/>, a <typeparamref name="T"/>, within <paramref name="max"/> of virtual time.</summary>
    public T ExpectMsgFrom<T>(TestProbe probe, TimeSpan? max = null)
    {
        RunUntilMessage(probe, max);
        return probe.ExpectMsg<T>(TimeSpan.Zero);
    }

    /// <summary>Expects the next message of <paramref name="probe"/> to equal <paramref name="expected"/>.</summary>
    public T ExpectMsgFrom<T>(TestProbe probe, T expected, TimeSpan? max = null)
    {
        RunUntilMessage(probe, max);
        return probe.ExpectMsg(expected, TimeSpan.Zero);
    }

    /// <summary>Expects the next message of <paramref name="probe"/> to be a <typeparamref name="T"/> matching <paramref name="isMessage"/>.</summary>
    public T ExpectMsgFrom<T>(TestProbe probe, Predicate<T> isMessage, TimeSpan? max = null)
    {
        RunUntilMessage(probe, max);
        return probe.ExpectMsg(isMessage, TimeSpan.Zero);
    }

    /// <summary>Expects <paramref name="probe"/> (which watches <paramref name="actor"/>) to get its Terminated.</summary>
    public Terminated ExpectTerminatedFrom(TestProbe probe, IActorRef actor, TimeSpan? max = null)
    {
        RunUntilMessage(probe, max);
        return probe.ExpectTerminated(actor, TimeSpan.Zero);
    }

    /// <summary>Runs the simulation for <paramref name="duration"/> of virtual time and expects no message to <paramref name="probe"/>.</summary>
    public void ExpectNoMsgFrom(TestProbe probe, TimeSpan duration)
    {
        RunUntilMessage(probe, duration);
        probe.ExpectNoMsg(TimeSpan.Zero);
    }

    /// <inheritdoc/>
    protected override void AfterAll()
    {
        Sim.Dispose();
        base.AfterAll();
        if (InternalCurrentActorCellKeeper.Current is { } cell && ReferenceEquals(cell.System, Sys))
        {
            InternalCurrentActorCellKeeper.Current = null;
        }
    }
}
