// `modactors replay`: wiring only, until its implementation lands.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class ReplayCommand
{
    public static Command Create()
    {
        var command = new Command("replay", "Not available yet.");
        command.SetAction(_ => { Console.Error.WriteLine("modactors replay: not available yet"); return ExitCodes.Invalid; });
        return command;
    }
}
