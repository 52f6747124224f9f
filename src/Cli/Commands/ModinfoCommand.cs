// `modactors modinfo FILE.ko [--json] [-F field]`: kmod's modinfo for one module file (.ko, .ko.xz,
// .ko.gz), same field names, order and layout; --json gives the same data for scripts.
using System.CommandLine;
using ModActors.Elf;

namespace ModActors.Cli.Commands;

internal static class ModinfoCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The module file (.ko, .ko.xz or .ko.gz)." };
        var json = new Option<bool>("--json") { Description = "Print the fields as JSON." };
        var field = new Option<string?>("--field", "-F") { Description = "Print only this field's values (as kmod's -F)." };
        var command = new Command("modinfo", "Show the information in a kernel module file, as kmod's modinfo does.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(field);
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(json), parse.GetValue(field)));
        return command;
    }

    private static int Run(string path, bool json, string? field)
    {
        if (!ModuleFile.TryLoad(path, out var image, out var error))
        {
            Console.Error.WriteLine($"modactors modinfo: {path}: {error}");
            return ExitCodes.Invalid;
        }
        var filename = Path.GetFullPath(path);
        var info = KmodModinfo.Read(image);
        if (info.Errno != 0)
        {
            if (!json && field is null)
                Console.Out.Write($"filename:       {filename}\n");
            Console.Error.WriteLine($"modactors modinfo: ERROR: could not get modinfo from '{ModName(path)}': {info.ErrorText}");
            return ExitCodes.Invalid;
        }
        Console.Out.Write(json ? KmodModinfoFormat.Json(filename, info.Fields) : KmodModinfoFormat.Text(filename, info.Fields, field));
        return ExitCodes.Ok;
    }

    /// kmod's path_to_modname: the file name up to its first '.', with '-' read as '_'.
    private static string ModName(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? name : name[..dot]).Replace('-', '_');
    }
}
