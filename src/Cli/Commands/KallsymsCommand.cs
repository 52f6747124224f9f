// `modactors kallsyms FILE.ko [--coming] [--addresses] [--sections]`: the /proc/kallsyms lines the simulated
// 6.12 kernel shows for one module file (kernel/module/kallsyms.c add_kallsyms, kernel/kallsyms.c s_show):
// once the module is live (core_kallsyms: init symbols gone), or with --coming while its init runs (the whole
// symbol table, undefined symbols as 'u', .modinfo symbols as '?'); --sections lists /sys/module/NAME/sections.
using System.CommandLine;
using ModActors.Elf;
using ModActors.Kernel;

namespace ModActors.Cli.Commands;

internal static class KallsymsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The module file (.ko, .ko.xz or .ko.gz)." };
        var coming = new Option<bool>("--coming")
        {
            Description = "The lines while the module is COMING (init running): its whole symbol table.",
        };
        var addresses = new Option<bool>("--addresses")
        {
            Description = "Show addresses as root sees them on Debian (kptr_restrict=0), the module loaded first at MODULES_VADDR; "
                + "default zeros, as kallsyms_show_value() gives a reader without CAP_SYSLOG.",
        };
        var sections = new Option<bool>("--sections") { Description = "List /sys/module/NAME/sections/ with each file's text instead." };
        var command = new Command("kallsyms", "Print a module's /proc/kallsyms lines as Linux 6.12 shows them once it is loaded.");
        command.Arguments.Add(file);
        command.Options.Add(coming);
        command.Options.Add(addresses);
        command.Options.Add(sections);
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(coming), parse.GetValue(addresses), parse.GetValue(sections),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, bool coming, bool addresses, bool sections, TextWriter output, TextWriter errors)
    {
        if (!ModuleFile.TryLoad(path, out var bytes, out var problem))
        {
            errors.WriteLine($"modactors kallsyms: {path}: {problem}");
            return ExitCodes.Invalid;
        }
        var read = KernelModuleReader.Read(bytes, ModuleReadOptions.Default);
        if (read.Module is not { } image)
        {
            errors.WriteLine($"modactors kallsyms: {path}: the kernel refuses it: {read.Rejection}");
            return ExitCodes.Invalid;
        }
        if (sections)
        {
            foreach (var line in Kallsyms.module_sections(image, addresses))
                output.Write(line);
            return ExitCodes.Ok;
        }
        output.Write(Kallsyms.module_lines(image, coming ? KallsymsTable.Symtab : KallsymsTable.Core, addresses));
        return ExitCodes.Ok;
    }
}
