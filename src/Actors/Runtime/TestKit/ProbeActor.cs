// The actor behind a TestProbe: it keeps every message it receives, with its sender, for the
// test to expect.
using ModActors.Runtime.Scheduling;

namespace ModActors.Runtime.TestKit;

internal sealed class ProbeActor : ReceiveActor
{
    public ProbeActor() => ReceiveAny(m => Received.PushBack(new Envelope(m, Sender)));

    public RingDeque<Envelope> Received { get; } = new();
}
