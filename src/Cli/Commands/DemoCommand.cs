// `modactors` with no arguments: the built-in demo scenario (Scenario/demo.yaml, embedded), two loaders
// of one inode racing two deletes, explored under pct; prints the outcome table and where to go next.
using System.Reflection;
using ModActors.Scenarios;

namespace ModActors.Cli.Commands;

internal static class DemoCommand
{
    public static int Run() => Run(Console.Out, Console.Error);

    public static int Run(TextWriter output, TextWriter error)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ModActors.Cli.demo.yaml")
            ?? throw new InvalidOperationException("the demo scenario is not embedded in this build");
        using var reader = new StreamReader(stream);
        var loaded = ScenarioLoader.Load(reader.ReadToEnd(), "demo.yaml (built in)", Directory.GetCurrentDirectory());
        if (loaded.Scenario is not { } sc)
        {
            foreach (var e in loaded.Errors)
                error.WriteLine(e.ToString());
            return ExitCodes.Invalid;
        }
        output.WriteLine("ModActors demo: two tasks finit_module one inode while two others delete_module it,");
        output.WriteLine("every interleaving chosen by a seeded pct scheduler over the simulated Linux 6.12 loader.");
        output.WriteLine();
        var x = sc.Explore;
        var code = ExploreCommand.Explore(sc, new ExploreSettings(x.Strategy, x.Runs, x.Seed, x.Depth, x.MaxSteps, (0, 1)), false, null, output, error);
        output.WriteLine();
        output.WriteLine("Next: modactors run scenarios/a_same_inode_x4.yaml      (one run, each call's result)");
        output.WriteLine("      modactors explore scenarios/m_concurrent_deletes.yaml  (outcome table of a race)");
        output.WriteLine("      docs/scenario-reference.md describes the scenario files.");
        return code;
    }
}
