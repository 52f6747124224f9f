// An incrementer of the demo race: reads the counter (an Ask), then writes the value plus one.
namespace ModActors.Runtime;

internal sealed class DemoIncrementer : ReceiveActor
{
    public DemoIncrementer(IActorRef counter) =>
        ReceiveAsync<DemoIncrement>(async _ =>
        {
            var value = await counter.Ask<int>(new DemoRead());
            counter.Tell(new DemoWrite(value + 1), Self);
        });
}
