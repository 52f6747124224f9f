using ModActors.Scenarios.Stress;
using Xunit;

namespace ModActors.Scenarios.Tests.Stress;

public class StressWorkloadTests
{
    private static readonly StressOptions Options = new() { Modules = 40, Tasks = 7, Ops = 100 };

    [Fact]
    public void The_same_seed_generates_the_same_workload()
    {
        var a = StressWorkload.Generate(Options, 5);
        var b = StressWorkload.Generate(Options, 5);
        Assert.Equal(a.Ops, b.Ops);
        Assert.Equal(a.TaskStart, b.TaskStart);
        Assert.Equal(a.Modules.Select(m => string.Join(",", m.Definition.Imports)), b.Modules.Select(m => string.Join(",", m.Definition.Imports)));
        Assert.Equal(a.Modules.SelectMany(m => m.Paths), b.Modules.SelectMany(m => m.Paths));
    }

    [Fact]
    public void Different_seeds_generate_different_workloads()
    {
        Assert.NotEqual(StressWorkload.Generate(Options, 1).Ops, StressWorkload.Generate(Options, 2).Ops);
    }

    [Fact]
    public void Modules_import_only_symbols_exported_by_lower_numbered_modules()
    {
        var w = StressWorkload.Generate(Options, 3);
        for (var i = 0; i < w.Modules.Length; i++)
        {
            foreach (var import in w.Modules[i].Definition.Imports)
            {
                var exporter = Array.FindIndex(w.Modules, m => m.Definition.Exports.Any(e => e.Name == import));
                Assert.InRange(exporter, 0, i - 1);
            }
        }
        Assert.Contains(w.Modules, m => m.Definition.Imports.Count > 0);
    }

    [Fact]
    public void Every_operation_goes_to_exactly_one_task_and_tasks_get_an_even_share()
    {
        var w = StressWorkload.Generate(Options, 3);
        Assert.Equal(100, w.Ops.Length);
        Assert.Equal(7, w.TaskCount);
        var shares = Enumerable.Range(0, 7).Select(t => w.TaskStart[t + 1] - w.TaskStart[t]).ToArray();
        Assert.Equal(100, shares.Sum());
        Assert.True(shares.Max() - shares.Min() <= 1);
    }

    [Fact]
    public void Some_modules_have_a_second_file_with_its_own_path()
    {
        var w = StressWorkload.Generate(Options with { Modules = 200 }, 3);
        var copies = w.Modules.Where(m => m.Paths.Length == 2).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, m => Assert.NotEqual(m.Paths[0], m.Paths[1]));
    }

    [Fact]
    public void The_mix_decides_which_operations_are_drawn()
    {
        var w = StressWorkload.Generate(Options with { Mix = StressMix.Parse("unload=1") }, 3);
        Assert.All(w.Ops, op => Assert.Equal(StressOpKind.Unload, op.Kind));
    }
}
