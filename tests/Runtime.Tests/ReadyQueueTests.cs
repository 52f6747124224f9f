// The ready queue keeps list order under any mix of appends, removals at any index and removals of a
// given actor, including across the renumbering of its slots (a list is the reference model).
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
        using var system = ActorSystem.Create("rq");
        var random = new SplitMix64(seed);
        var queue = new ReadyQueue();
        var model = new List<ActorCell>();
        var idle = new List<ActorCell>();
        var created = 0;
        for (var op = 0; op < operations; op++)
        {
            var growing = op % 3000 < 1800;
            var kind = random.Next(10);
            if (kind < (growing ? 6 : 3) || model.Count == 0)
            {
                ActorCell cell;
                if (idle.Count > 0 && random.Next(2) == 0)
                {
                    cell = idle[^1];
                    idle.RemoveAt(idle.Count - 1);
                }
                else
                {
                    cell = new ActorCell(system, null, "c" + created, created);
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
                    Assert.Same(model[index], queue[index]);
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
                Assert.Equal(model, queue.Cast<ActorCell>());
                for (var i = 0; i < model.Count; i++)
                {
                    Assert.Same(model[i], queue[i]);
                }

                if (model.Count > 2 && op >= frontOnly)
                {
                    Assert.Same(model[model.Count / 2], queue[model.Count / 2]);
                }
            }
        }
    }
}
