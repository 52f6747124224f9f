// `modactors stress`: wiring only, until its implementation lands.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class StressCommand
{
    public static Command Create()
    {
        var command = new Command("stress", "Not available yet.");
        command.SetAction(_ => { Console.Error.WriteLine("modactors stress: not available yet"); return ExitCodes.Invalid; });
        return command;
    }
}
