// `modactors depmod`: placeholder wiring; the ELF work fills it in.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class DepmodCommand
{
    public static Command Create()
    {
        var command = new Command("depmod", "Not available yet.");
        command.SetAction(_ => { Console.Error.WriteLine("modactors depmod: not available yet"); return ExitCodes.Invalid; });
        return command;
    }
}
