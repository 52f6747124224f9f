// `modactors lint`: wiring only, until its implementation lands.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class LintCommand
{
    public static Command Create()
    {
        var command = new Command("lint", "Not available yet.");
        command.SetAction(_ => { Console.Error.WriteLine("modactors lint: not available yet"); return ExitCodes.Invalid; });
        return command;
    }
}
