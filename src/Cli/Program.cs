// The `modactors` command. Each subcommand is one file in Commands/ exposing `Create()`; with no
// arguments it runs the built-in demo. Exit codes: 0 success (all expectations held), 1 an expectation
// or invariant failed, 2 the command line or an input file is invalid, 3 an internal error (a bug, printed
// without a stack trace).
using System.CommandLine;
using ModActors.Cli;
using ModActors.Cli.Commands;
using InternalError = ModActors.Cli.Commands.InternalError;

var root = new RootCommand("ModActors: a deterministic simulator of Linux 6.12's module loader.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ExploreCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(LintCommand.Create());
root.Subcommands.Add(StressCommand.Create());
root.Subcommands.Add(ModinfoCommand.Create());
root.Subcommands.Add(DepmodCommand.Create());
root.Subcommands.Add(FuzzCommand.Create());
root.Subcommands.Add(KallsymsCommand.Create());
root.Subcommands.Add(WorkerCommand.Create());
root.SetAction(_ => DemoCommand.Run());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"modactors: {error.Message}");
    return ExitCodes.Invalid;
}
try
{
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return InternalError.Report(e, Console.Error);
}
