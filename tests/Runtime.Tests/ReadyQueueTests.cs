// The ready queue keeps list order under any mix of appends, removals at any index and removals of a
// given actor, including across the renumbering of its slots (a list is the reference model). The
// candidates are the slots of real actors of a simulation.
using Akka.Actor;
using ModActors.Runtime.Scheduling;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class ReadyQueueTests
{
    [Theory]
    [InlineData(1, 200, 0)]
    [InlineData(2, 5000, 0)]
    [InlineData(3, 40000, 0)]
    [InlineData(4, 20000, 10000)]
    public void Candidates_keep_the_order_they_became_enabled_in_under_random_takes_and_removals(long seed, int operations, int frontOnly)
    {
        using var sim = Simulation.Create("rq");
        var random = new SplitMix64(seed);
        var queue = new ReadyQueue();
        var model = new List<ActorSlot>();
        var idle = new List<ActorSlot>();
        var created = 0;
        for (var op = 0; op < operations; op++)
        {
            var growing = op % 3000 < 1800;
            var kind = random.Next(10);
            if (kind < (growing ? 6 : 3) || model.Count == 0)
            {
                ActorSlot cell;
                if (idle.Count > 0 && random.Next(2) == 0)
                {
                    cell = idle[^1];
                    idle.RemoveAt(idle.Count - 1);
                }
                else
                {
                    cell = Simulation.SlotOf(sim.ActorOf(Props.Create<EchoActor>(), "c" + created))!;
                    created++;
                }

                queue.Add(cell);
                model.Add(cell);
            }
            else if (kind < 9)
            {
                var index = op < frontOnly || random.Next(4) == 0 ? 0 : random.Next(model.Count);
                if (random.Next(2) == 0)
                {
                    Assert.Same(model[index].Self, queue[index]);
                }

                var taken = queue.Take(index);
                Assert.Same(model[index], taken);
                Assert.False(taken.InReady);
                model.RemoveAt(index);
                idle.Add(taken);
            }
            else
            {
                var victim = model[random.Next(model.Count)];
                queue.Remove(victim);
                model.Remove(victim);
                idle.Add(victim);
            }

            Assert.Equal(model.Count, queue.Count);
            if (op % 97 == 0)
            {
                Assert.Equal(model.Select(m => m.Self), queue);
                for (var i = 0; i < model.Count; i++)
                {
                    Assert.Same(model[i].Self, queue[i]);
                }

                if (model.Count > 2 && op >= frontOnly)
                {
                    Assert.Same(model[model.Count / 2].Self, queue[model.Count / 2]);
                }
            }
        }

        while (queue.Count > 0)
        {
            queue.Take(0);
        }
    }
}
