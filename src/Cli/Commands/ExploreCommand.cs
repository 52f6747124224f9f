// `modactors explore`: wiring only, until its implementation lands.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class ExploreCommand
{
    public static Command Create()
    {
        var command = new Command("explore", "Not available yet.");
        command.SetAction(_ => { Console.Error.WriteLine("modactors explore: not available yet"); return ExitCodes.Invalid; });
        return command;
    }
}
