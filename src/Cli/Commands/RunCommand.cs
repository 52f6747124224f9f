// `modactors run`: wiring only, until its implementation lands.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Not available yet.");
        command.SetAction(_ => { Console.Error.WriteLine("modactors run: not available yet"); return ExitCodes.Invalid; });
        return command;
    }
}
