// `modactors lint FILE.yaml...`: checks scenario files without running them; every problem is printed as
// FILE:LINE:COL: message (expected ...). Exit 0 when all are valid, 2 otherwise.
using System.CommandLine;

namespace ModActors.Cli.Commands;

internal static class LintCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "The scenario files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("lint", "Check scenario files for errors without running them.") { files };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var ok = true;
            foreach (var path in parse.GetValue(files)!)
            {
                if (ScenarioCommandLine.Load(path, error) is { } sc)
                    output.WriteLine($"{path}: ok ({sc.Tasks.Count} tasks, {sc.Modules.Count} modules)");
                else
                    ok = false;
            }
            return ok ? ExitCodes.Ok : ExitCodes.Invalid;
        });
        return command;
    }
}
