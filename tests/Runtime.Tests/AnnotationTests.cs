// Annotations: an interpolated annotation is recorded on its step when the trace is on, and not even formatted
// when it is off (so annotating costs nothing in benchmarks and stress runs).
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class AnnotationTests
{
    private sealed class Counted
    {
        public int Formatted { get; private set; }

        public override string ToString()
        {
            Formatted++;
            return "counted";
        }
    }

    private sealed class Annotator : ReceiveActor
    {
        public Annotator(Counted counted) => Receive<string>(m => Context.Annotate($"{m} {counted}"));
    }

    private static (Counted Counted, Simulation Simulation) Run(bool recordTrace)
    {
        var counted = new Counted();
        using var sim = Simulation.Create("annotations", new SimulationOptions { RecordTrace = recordTrace });
        sim.ActorOf(Props.Create(() => new Annotator(counted)), "a").Tell("hello");
        Assert.Equal(RunOutcome.Quiescent, sim.Run().Outcome);
        return (counted, sim);
    }

    [Fact]
    public void An_interpolated_annotation_is_recorded_when_the_trace_is_on()
    {
        var (counted, sim) = Run(recordTrace: true);
        Assert.Equal(1, counted.Formatted);
        Assert.Contains(sim.Trace.Steps, s => s.Annotations.Contains("hello counted"));
    }

    [Fact]
    public void An_interpolated_annotation_is_not_formatted_when_the_trace_is_off()
    {
        var (counted, sim) = Run(recordTrace: false);
        Assert.Equal(0, counted.Formatted);
        Assert.False(sim.RecordsTrace);
        Assert.Empty(sim.Trace.Steps);
    }
}
