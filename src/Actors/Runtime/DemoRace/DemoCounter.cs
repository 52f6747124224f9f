// The shared counter of the demo race: answers reads and applies writes, with no check that the
// value written was computed from the latest one (the lost update).
namespace ModActors.Runtime;

internal sealed class DemoCounter : ReceiveActor
{
    public DemoCounter()
    {
        Receive<DemoRead>(_ => Sender.Tell(Value));
        Receive<DemoWrite>(w =>
        {
            Value = w.Value;
            Context.Annotate("counter=" + Value);
        });
    }

    public int Value { get; private set; }
}
