// Annotations: an interpolated annotation is recorded on its step when the trace is on, and not even formatted
// when it is off (so annotating costs nothing in benchmarks and stress runs).
using ModActors.Runtime;
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

    private static (Counted Counted, ActorSystem System) Run(bool recordTrace)
    {
        var counted = new Counted();
        var sys = ActorSystem.Create("annotations", new SimulationOptions { RecordTrace = recordTrace });
        sys.ActorOf(Props.Create(() => new Annotator(counted)), "a").Tell("hello");
        sys.Run();
        return (counted, sys);
    }

    [Fact]
    public void An_interpolated_annotation_is_recorded_when_the_trace_is_on()
    {
        var (counted, sys) = Run(recordTrace: true);
        Assert.Equal(1, counted.Formatted);
        Assert.Contains(sys.Trace.Steps, s => s.Annotations.Contains("hello counted"));
    }

    [Fact]
    public void An_interpolated_annotation_is_not_formatted_when_the_trace_is_off()
    {
        var (counted, sys) = Run(recordTrace: false);
        Assert.Equal(0, counted.Formatted);
        Assert.False(sys.RecordsTrace);
    }
}
