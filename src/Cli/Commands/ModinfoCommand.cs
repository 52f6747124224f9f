// `modactors modinfo`: placeholder wiring; the ELF work fills it in.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class ModinfoCommand
{
    public static Command Create()
    {
        var command = new Command("modinfo", "Not available yet.");
        command.SetAction(_ => { Console.Error.WriteLine("modactors modinfo: not available yet"); return ExitCodes.Invalid; });
        return command;
    }
}
