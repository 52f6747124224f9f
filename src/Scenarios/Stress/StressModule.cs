// One generated module of a stress workload: its synthetic ModuleDefinition (exports NAME_fn, imports the
// exports of its dependencies) and the paths of its files (a second path is another inode, a copy).
using System.Globalization;
using ModActors.Kernel;

namespace ModActors.Scenarios.Stress;

internal sealed record StressModule(ModuleDefinition Definition, string[] Paths)
{
    public string Name => Definition.Name;

    public static StressModule Generate(Random rng, int index, int width, int[] deps, StressModule[] lower,
        int failingInitPercent)
    {
        var name = "m" + index.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var roll = rng.Next(100);
        var init = ModuleBehaviour.Nothing;
        if (roll < 10)
            init = new([new SleepAction(1 + rng.Next(20))]);
        else if (roll < 10 + failingInitPercent)
            init = new([new ReturnAction(-Errno.ENODEV)]);
        var exit = rng.Next(100) < 10 ? new ModuleBehaviour([new SleepAction(1 + rng.Next(5))]) : ModuleBehaviour.Nothing;
        var definition = new ModuleDefinition
        {
            Name = name,
            InTree = true,
            Signature = SignatureState.Good,
            Exports = [new SymbolExport(name + "_fn")],
            Imports = [.. deps.Select(d => lower[d].Name + "_fn")],
            Depends = [.. deps.Select(d => lower[d].Name)],
            HasExit = rng.Next(100) >= 2,
            Init = init,
            Exit = exit,
            CoreSize = 4096u * (uint)(2 + rng.Next(15)),
            InitSize = 4096u * (uint)(1 + rng.Next(4)),
        };
        string[] paths = rng.Next(10) == 0
            ? [$"/lib/modules/stress/{name}.ko", $"/tmp/{name}-copy.ko"]
            : [$"/lib/modules/stress/{name}.ko"];
        return new StressModule(definition, paths);
    }
}
