// An incrementer of the demo race: reads the counter (an Ask), then writes the value plus one.
using Akka.Actor;
namespace ModActors.Runtime;

internal sealed class DemoIncrementer : ReceiveActor
{
    public DemoIncrementer(IActorRef counter) =>
        ReceiveAsync<DemoIncrement>(async _ =>
        {
            var value = await Context.Ask<int>(counter, new DemoRead());
            counter.Tell(new DemoWrite(value + 1), Self);
        });
}
