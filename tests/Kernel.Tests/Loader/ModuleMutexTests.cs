// module_mutex as kernel/locking/mutex.c has it: mutex_lock is a scheduling point and then the fast path
// (__mutex_trylock_fast) when nobody holds the lock, with no message to anyone; a task that finds it held
// joins the wait list in that same step (the slow path), and mutex_unlock hands the lock straight to the
// first waiter, which module_mutex resumes. Mutual exclusion holds under every schedule tried.
using ModActors.Kernel;
using ModActors.Runtime;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class ModuleMutexTests
{
    private static KernelHarness ThreeLoaders(ISchedulingStrategy? strategy = null)
    {
        var h = new KernelHarness(strategy: strategy)
            .File("/m/slow.ko", Slow(5))
            .File("/m/qb.ko", new ModuleDefinition { Name = "qb" })
            .File("/m/qc.ko", new ModuleDefinition { Name = "qc" });
        h.Task("a", Finit("/m/slow.ko"), Delete("slow"));
        h.Task("b", Finit("/m/qb.ko"), Delete("qb"));
        h.Task("c", Finit("/m/qc.ko"), Delete("qc"));
        return h;
    }

    [Fact]
    public void An_uncontended_lock_is_one_step_of_the_task_and_sends_module_mutex_nothing()
    {
        var h = new KernelHarness().File("/m/qb.ko", new ModuleDefinition { Name = "qb" });
        h.Task("a", Finit("/m/qb.ko"), Delete("qb"));
        var steps = h.Run().Trace.Steps;

        Assert.Equal([0, 0], h.Calls.Select(c => c.Rc));
        Assert.DoesNotContain(steps, s => s.To == "module_mutex" || s.From == "module_mutex");
        var locks = steps.Where(s => s.Annotations.Contains("a locks module_mutex")).ToList();
        Assert.NotEmpty(locks);
        Assert.All(locks, s => Assert.Equal(("a", "a", "resume mutex_lock"), (s.From, s.To, s.Message)));
        Assert.Equal(locks.Count, steps.Sum(s => s.Annotations.Count(n => n == "a unlocks module_mutex")));
    }

    [Fact]
    public void A_task_that_finds_the_lock_held_queues_in_its_own_step_and_the_unlock_hands_it_over()
    {
        var h = ThreeLoaders();
        var steps = h.Run().Trace.Steps;

        Assert.All(h.Calls, c => Assert.Equal(0, c.Rc));
        var queued = steps.First(s => s.Annotations.Any(n => n.Contains(" waits for module_mutex held by ", StringComparison.Ordinal)));
        var waiter = queued.To;
        var note = queued.Annotations.Single(n => n.Contains(" waits for module_mutex held by ", StringComparison.Ordinal));
        var holder = note[(waiter + " waits for module_mutex held by ").Length..];
        var unlock = steps.First(s => s.Step > queued.Step && s.Annotations.Contains(holder + " unlocks module_mutex"));
        var granted = steps.First(s => s.Step > queued.Step && s.To == waiter);

        Assert.Equal((waiter, "resume mutex_lock"), (queued.From, queued.Message));
        Assert.DoesNotContain(steps, s => s.To == "module_mutex");
        Assert.True(granted.Step > unlock.Step, $"{waiter} resumed at #{granted.Step}, before {holder} unlocked at #{unlock.Step}");
        Assert.Equal(("module_mutex", "resume MutexLocked { }"), (granted.From, granted.Message));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void No_two_tasks_ever_hold_module_mutex_at_once(string strategy)
    {
        for (var seed = 1; seed <= 30; seed++)
        {
            var h = ThreeLoaders(strategy == "pct" ? new PctStrategy(seed, 3, 400) : new RandomStrategy(seed));
            var run = h.Run();
            Assert.Equal(RunOutcome.Quiescent, run.Outcome);
            string? owner = null;
            foreach (var s in run.Trace.Steps)
            {
                if (s.From == "module_mutex" && s.Message == "resume MutexLocked { }")
                {
                    Assert.True(owner is null || owner == s.To, $"seed {seed}: {s.To} got module_mutex at #{s.Step} while {owner} held it");
                    owner = s.To;
                }

                foreach (var note in s.Annotations)
                {
                    if (note.EndsWith(" unlocks module_mutex", StringComparison.Ordinal))
                    {
                        Assert.Equal(owner + " unlocks module_mutex", note);
                        owner = null;
                    }
                    else if (note.EndsWith(" locks module_mutex", StringComparison.Ordinal))
                    {
                        Assert.True(owner is null, $"seed {seed}: {note} at #{s.Step} while {owner} held it");
                        owner = s.To;
                    }
                }
            }

            Assert.Null(owner);
        }
    }
}
