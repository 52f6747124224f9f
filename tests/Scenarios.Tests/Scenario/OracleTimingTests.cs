// Our oracle scenarios of timed races, mirrored under the qemu-tcg timing profile: every outcome an exploration
// reaches must be one the real kernel showed (oracle/results), compared as the kernel's outcome set over its runs.
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class OracleTimingTests
{
    private static ScenarioSetup Library(string name) =>
        new(ScenarioFiles.Load(File.ReadAllText(Path.Combine(ScenarioFiles.Library, name))));

    /// <summary>The deletes' results in start-time order, runs of equal results collapsed (EBUSY EBUSY EAGAIN 0 -> EBUSY EAGAIN 0).</summary>
    private static string DeletePhases(string key) =>
        string.Join(' ', key.Split(" | ")[0].Split(", ")
            .Where(c => c.StartsWith('d') && c.Contains(".delete_module=", StringComparison.Ordinal))
            .Select(c => c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..])
            .Aggregate(new List<string>(), (phases, r) => { if (phases.Count == 0 || phases[^1] != r) phases.Add(r); return phases; }));

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Deletes_at_10_ms_steps_across_the_end_of_an_init_land_where_the_kernels_did_zc(string strategy)
    {
        // oracle/results/zc_deletes_across_init_end.txt: runs 1 and 2 EBUSY.. EAGAIN.. 0 ENOENT..; run 3 (a loaded
        // host, 680 ms finit) EBUSY.. EAGAIN.. to the last delete.
        string[] kernel = ["-EBUSY -EAGAIN 0 -ENOENT", "-EBUSY -EAGAIN"];
        var setup = Library("zc_deletes_across_init_end.yaml");
        var x = ScenarioExplorer.Explore(setup, new ExploreSettings(strategy, 300, 1, 3, 100_000, (0, 1), 0));
        Assert.Equal(0, x.Report.Failed);
        var explored = x.Report.Outcomes.Select(r => DeletePhases(r.Key)).Distinct().ToList();
        Assert.All(explored, p => Assert.Contains(p, kernel));
        Assert.Contains(kernel[0], explored);
    }

    [Theory]
    [InlineData("qemu-tcg", true)]
    [InlineData("instant", false)]
    public void Two_deletes_10_ms_apart_see_the_init_reference_as_in_every_kernel_run_only_with_kernel_work_timed_zc(string timing, bool reached)
    {
        // zc run 1: ZC10 and ZC11 got EAGAIN, run 2: ZC8 and ZC9, run 3: ZC12 to ZC21. With instant kernel work the
        // window between LIVE and the init reference's drop takes no time, so only a delete at that very instant sees it.
        var yaml = File.ReadAllText(Path.Combine(ScenarioFiles.Library, "zc_deletes_across_init_end.yaml"))
            .Replace("kernel: { timing: qemu-tcg }", $"kernel: {{ timing: {timing} }}", StringComparison.Ordinal);
        var x = ScenarioExplorer.Explore(new ScenarioSetup(ScenarioFiles.Load(yaml)), new ExploreSettings("random", 100, 1, 3, 100_000, (0, 1), 0));
        var twice = x.Report.Outcomes.Any(r => r.Key.Split(", ").Count(c => c.EndsWith(".delete_module=-EAGAIN", StringComparison.Ordinal)) >= 2);
        Assert.Equal(reached, twice);
    }

    [Fact]
    public void A_notifier_veto_switched_through_sysfs_gives_the_kernels_one_outcome_ze()
    {
        // oracle/results/ze_veto_via_sysfs.txt: the same result for every call in all three runs.
        var x = ScenarioExplorer.Explore(Library("ze_veto_via_sysfs.yaml"), new ExploreSettings("random", 50, 1, 3, 100_000, (0, 1), 0));
        Assert.Equal(0, x.Report.Failed);
        var outcome = Assert.Single(x.Report.Outcomes);
        Assert.StartsWith("t.finit_module=0, t.finit_module=0, t.delete_module=0, t.write=4, t.read=\"slow\", t.finit_module=-EPERM, t.write=1, " +
            "t.finit_module=0, t.write=-EACCES, t.read=\"0\", t.write=-ENOSPC, t.write=-EACCES, t.delete_module=0, t.delete_module=0 |", outcome.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void The_holders_close_after_a_forced_unload_oopses_and_never_returns_zf(string strategy)
    {
        // oracle/results/zf_forced_unload_then_close.txt: EAGAIN, then 0 with taint R; the close faults in filp_flush.
        var x = ScenarioExplorer.Explore(Library("zf_forced_unload_then_close.yaml"), new ExploreSettings(strategy, 50, 1, 3, 100_000, (0, 1), 0));
        Assert.Equal(0, x.Report.Failed);
        var outcome = Assert.Single(x.Report.Outcomes);
        Assert.Contains("holder.module_put=(blocked)", outcome.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Loads_arriving_during_a_failed_loads_cleanup_land_where_the_kernels_did_zd(string strategy)
    {
        // oracle/results/zd_load_during_failed_cleanup.txt (runs 2-3) and .loaded-host.txt (runs 1-2; the host was so
        // loaded that the failing finit took 740-839 ms, so the copies' arrival against its stages differs from run to
        // run). What held in every kernel run: at most one copy loads (0) and every copy started after it gets -EEXIST;
        // copies arriving while the failing slow was GOING (runs 2-3 and loaded-host run 1) got -EBUSY.
        var x = ScenarioExplorer.Explore(Library("zd_load_during_failed_cleanup.yaml"), new ExploreSettings(strategy, 300, 1, 3, 100_000, (0, 1), 0));
        Assert.Equal(0, x.Report.Failed);
        foreach (var run in x.Report.Outcomes)
        {
            var copies = run.Key.Split(" | ")[0].Split(", ").Where(c => c.StartsWith('c')).Select(c => c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToList();
            Assert.True(copies.Count(r => r == "0") <= 1, run.Key);
            var loaded = copies.IndexOf("0");
            if (loaded >= 0)
                Assert.All(copies.Skip(loaded + 1), r => Assert.Equal("-EEXIST", r));
        }
        var phases = x.Report.Outcomes.Select(r => Phases(r.Key, "c")).Distinct().ToList();
        Assert.Contains(phases, p => p.Contains("-EBUSY", StringComparison.Ordinal));
    }

    private static string Phases(string key, string prefix) =>
        string.Join(' ', key.Split(" | ")[0].Split(", ")
            .Where(c => c.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..])
            .Aggregate(new List<string>(), (phases, r) => { if (phases.Count == 0 || phases[^1] != r) phases.Add(r); return phases; }));
}
