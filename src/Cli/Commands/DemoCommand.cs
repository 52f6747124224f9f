// `modactors` with no arguments: the built-in demo, until the scenario runner provides one.
namespace ModActors.Cli.Commands;

internal static class DemoCommand
{
    public static int Run()
    {
        foreach (var line in ModActors.Runtime.Demo.Run())
            Console.WriteLine(line);
        return ExitCodes.Ok;
    }
}
