// Generates one seed's workload, deterministically from the seed and the options (System.Random(seed) is
// used here, outside the simulation): N synthetic modules named m0000.. in a random dependency DAG (each
// imports the exported symbol of up to three lower-numbered modules, so only a module whose exporters are
// loaded resolves: simplify_symbols / resolve_symbol_wait), small init and exit behaviours (some sleep, a
// few inits fail with -ENODEV, a few modules have no exit), one file per module with its own inode and a
// second copy (another inode of the same module) for one module in ten, and each task's list of operations
// drawn from the mix.
namespace ModActors.Scenarios.Stress;

internal sealed class StressWorkload
{
    private const int MaxDependencies = 3;

    private StressWorkload(StressModule[] modules, StressOp[] ops, int[] taskStart)
    {
        Modules = modules;
        Ops = ops;
        TaskStart = taskStart;
    }

    public StressModule[] Modules { get; }

    /// <summary>All operations, grouped by task: task i runs Ops[TaskStart[i] .. TaskStart[i + 1]).</summary>
    public StressOp[] Ops { get; }

    public int[] TaskStart { get; }

    public int TaskCount => TaskStart.Length - 1;

    public static StressWorkload Generate(StressOptions o, long seed)
    {
        var rng = new Random(unchecked((int)(seed ^ (seed >> 32) ^ 0x5f3759df)));
        var width = Math.Max(4, (o.Modules - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var modules = new StressModule[o.Modules];
        for (var i = 0; i < modules.Length; i++)
            modules[i] = StressModule.Generate(rng, i, width, Dependencies(rng, i), modules, o.FailingInits);

        var taskStart = new int[o.Tasks + 1];
        var ops = new StressOp[o.Ops];
        var per = o.Ops / o.Tasks;
        var extra = o.Ops % o.Tasks;
        var next = 0;
        for (var task = 0; task < o.Tasks; task++)
        {
            taskStart[task] = next;
            var count = per + (task < extra ? 1 : 0);
            for (var k = 0; k < count; k++)
                ops[next++] = DrawOp(rng, o.Mix, modules);
        }
        taskStart[o.Tasks] = next;
        return new StressWorkload(modules, ops, taskStart);
    }

    private static int[] Dependencies(Random rng, int i)
    {
        if (i == 0)
            return [];
        var count = Math.Min(i, rng.Next(MaxDependencies + 1));
        var deps = new List<int>(count);
        while (deps.Count < count)
        {
            var d = rng.Next(i);
            if (!deps.Contains(d))
                deps.Add(d);
        }
        deps.Sort();
        return [.. deps];
    }

    private static StressOp DrawOp(Random rng, StressMix mix, StressModule[] modules)
    {
        var r = rng.Next(mix.Total);
        var kind = r < mix.Load ? StressOpKind.Load
            : r < mix.Load + mix.Init ? StressOpKind.Init
            : r < mix.Load + mix.Init + mix.Unload ? StressOpKind.Unload
            : StressOpKind.GetPut;
        var module = rng.Next(modules.Length);
        var copy = (byte)(modules[module].Paths.Length > 1 ? rng.Next(2) : 0);
        return new StressOp(kind, module, copy);
    }
}
