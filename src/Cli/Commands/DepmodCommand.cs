// `modactors depmod -b BASEDIR [-e] [-E Module.symvers] VERSION`: kmod's depmod over a module tree
// (ModActors.Elf.Depmod), writing modules.dep, .alias, .softdep, .symbols and .devname into
// BASEDIR/lib/modules/VERSION. Warnings go to stderr in kmod's words; unusable input exits 2.
using System.CommandLine;
using ModActors.Elf.Depmod;

namespace ModActors.Cli.Commands;

internal static class DepmodCommand
{
    public static Command Create()
    {
        var basedir = new Option<string>("--basedir", "-b")
        {
            Description = "the root holding lib/modules/VERSION",
            Required = true,
        };
        var symvers = new Option<string?>("--symvers", "-E")
        {
            Description = "Module.symvers whose vmlinux lines are the kernel's exports and CRCs",
        };
        var errsyms = new Option<bool>("--errsyms", "-e")
        {
            Description = "report symbols nothing supplies, and CRC disagreements with -E",
        };
        var version = new Argument<string>("VERSION") { Description = "the kernel release, e.g. 6.12.117+deb12-amd64" };
        var command = new Command("depmod", "Write modules.dep, modules.symbols, modules.alias, modules.softdep and modules.devname like kmod's depmod.")
        {
            basedir,
            symvers,
            errsyms,
            version,
        };
        command.SetAction(parse =>
        {
            var options = new DepmodOptions(parse.GetValue(basedir)!, parse.GetValue(version)!)
            {
                SymversPath = parse.GetValue(symvers),
                ErrSyms = parse.GetValue(errsyms),
            };
            var result = Depmod.Run(options, Console.Error);
            if (result.Error is not null)
                Console.Error.WriteLine($"modactors depmod: {result.Error}");
            return result.ExitCode switch
            {
                0 => ExitCodes.Ok,
                1 => ExitCodes.Failed,
                _ => ExitCodes.Invalid,
            };
        });
        return command;
    }
}
