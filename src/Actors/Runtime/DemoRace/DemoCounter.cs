// The shared counter of the demo race: answers reads and applies writes, with no check that the
// value written was computed from the latest one (the lost update).
using Akka.Actor;
namespace ModActors.Runtime;

/// <summary>The counter's value, read by the verdict after the run.</summary>
internal sealed class DemoTally
{
    public int Value { get; set; }
}

internal sealed class DemoCounter : ReceiveActor
{
    public DemoCounter(DemoTally tally)
    {
        Receive<DemoRead>(_ => Sender.Tell(tally.Value));
        Receive<DemoWrite>(w =>
        {
            tally.Value = w.Value;
            Context.Annotate("counter=" + tally.Value);
        });
    }
}
