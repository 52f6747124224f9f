using ModActors.Kernel;
using ModActors.Runtime;
using ModActors.Scenarios.Stress;
using Xunit;

namespace ModActors.Scenarios.Tests.Stress;

public class StressRunnerTests
{
    private static readonly StressOptions Small = new() { Modules = 30, Tasks = 20, Ops = 400, Seeds = 3, FailingInits = 0 };

    [Fact]
    public void A_workload_without_planted_bugs_ends_quiescent_in_every_seed()
    {
        var summary = StressRunner.Run(Small);
        Assert.Empty(summary.Violations);
        Assert.All(summary.Seeds, s => Assert.Equal(RunOutcome.Quiescent, s.Outcome));
    }

    [Fact]
    public void The_summary_counts_every_call_once_by_kind_and_by_result()
    {
        var summary = StressRunner.Run(Small);
        Assert.Equal(summary.Calls, summary.CallsByKind.Sum(c => c.Count));
        Assert.Equal(summary.Calls, summary.Outcomes.Sum(o => o.Count));
        var finits = summary.CallsByKind.Single(c => c.Call == StressCall.finit_module).Count;
        Assert.True(finits > 0);
        Assert.Contains(summary.Outcomes, o => o.Call == StressCall.finit_module && o.Result == "0");
        Assert.Contains(summary.Outcomes, o => o.Call == StressCall.finit_module && o.Result == "EEXIST");
        Assert.Contains(summary.Outcomes, o => o.Call == StressCall.delete_module && o.Result == "ENOENT");
    }

    [Fact]
    public void Every_successful_try_module_get_is_followed_by_one_module_put()
    {
        var summary = StressRunner.Run(Small);
        var gets = summary.Outcomes.Where(o => o.Call == StressCall.try_module_get && o.Result == "0").Sum(o => o.Count);
        Assert.True(gets > 0);
        Assert.Equal(gets, summary.CallsByKind.Single(c => c.Call == StressCall.module_put).Count);
    }

    [Fact]
    public void The_results_do_not_depend_on_how_many_seeds_run_at_once()
    {
        static string Key(StressSummary s) => string.Join("\n", s.Seeds.Select(r =>
            $"{r.Seed} {r.Outcome} {r.Steps} {r.VirtualTime.Ticks} {r.DuplicateLoadFailures} {r.WastedBytes} " +
            string.Join(",", r.Counts.All())));
        var one = StressRunner.Run(Small with { Parallelism = 1 });
        var two = StressRunner.Run(Small with { Parallelism = 2 });
        Assert.Equal(Key(one), Key(two));
    }

    [Fact]
    public void The_planted_double_put_is_reported_with_its_seed()
    {
        var summary = StressRunner.Run(Small with { Plant = PlantedBug.Refcount });
        Assert.Equal(summary.Seeds.Count, summary.Violations.Count);
        var v = summary.Violations[0];
        Assert.Equal(RunOutcome.InvariantViolation, v.Outcome);
        Assert.Contains("stress holders", v.Violation, StringComparison.Ordinal);
        Assert.Contains("double put", v.Violation, StringComparison.Ordinal);
        Assert.NotNull(v.Schedule);
        Assert.Contains(summary.Outcomes, o => o.Call == StressCall.module_put && o.Result == "EBADF");
        Assert.Contains($"seed {v.Seed} (InvariantViolation, step {v.Steps})", summary.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_a_violation_file_reproduces_the_same_violation_at_the_same_step()
    {
        var options = Small with { Plant = PlantedBug.Refcount };
        var v = StressRunner.Run(options).Violations[0];
        var path = Path.Combine(Path.GetTempPath(), $"stress-replay-{Guid.NewGuid():N}.json");
        try
        {
            StressReplayFile.Of(options, v).Save(path);
            var replayed = StressRunner.Replay(StressReplayFile.Load(path));
            Assert.Equal(v.Violation, replayed.Violation);
            Assert.Equal(v.Steps, replayed.Steps);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_6_3_profile_wastes_more_bytes_on_duplicate_loads_than_6_12()
    {
        var heavy = Small with { Modules = 10, Mix = StressMix.Parse("load=90,unload=10"), Seeds = 2 };
        var v612 = StressRunner.Run(heavy);
        var v63 = StressRunner.Run(heavy with { Profile = KernelProfile.Linux63 });
        Assert.Empty(v612.Violations);
        Assert.Empty(v63.Violations);
        Assert.True(v63.Seeds.Sum(s => s.WastedBytes) > v612.Seeds.Sum(s => s.WastedBytes),
            $"6.3 wasted {v63.Seeds.Sum(s => s.WastedBytes)}, 6.12 wasted {v612.Seeds.Sum(s => s.WastedBytes)}");
    }

    [Fact]
    public void Options_out_of_range_are_refused_before_anything_runs()
    {
        var e = Assert.Throws<ArgumentException>(() => StressRunner.Run(Small with { Tasks = 0 }));
        Assert.Contains("--tasks", e.Message, StringComparison.Ordinal);
    }
}
