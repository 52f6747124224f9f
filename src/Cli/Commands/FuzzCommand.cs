// `modactors fuzz ko|yaml [--cases N] [--seed S] [--out DIR] [--timeout-ms T] [--base PATH...]`: the
// repository's own mutation fuzzers for long runs. `ko` mutates the fixtures' .ko files and runs each
// mutant through the reader and the simulated finit_module; `yaml` mutates the library scenarios and
// lints and runs each. Prints the counts by outcome; internal errors and hangs are saved (minimised) in
// --out. Exit 0 when no case erred or hung, 1 otherwise, 2 for bad options.
using System.CommandLine;
using ModActors.Scenarios.Fuzzing;

namespace ModActors.Cli.Commands;

internal static class FuzzCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("KIND") { Description = "ko or yaml." };
        kind.AcceptOnlyFromAmong("ko", "yaml");
        var cases = new Option<long>("--cases") { Description = "How many mutants to run.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "The campaign's seed; case i depends only on it and i.", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string>("--out") { Description = "Where reproducers are saved.", DefaultValueFactory = _ => "fuzz-out" };
        var timeout = new Option<int>("--timeout-ms") { Description = "Wall-clock limit of one case; longer is a hang.", DefaultValueFactory = _ => 20_000 };
        var bases = new Option<string[]>("--base")
        {
            Description = "Base inputs: .ko files (ko) or scenario files (yaml); default fixtures/ko/*.ko or scenarios/*.yaml.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("fuzz", "Mutation-fuzz the .ko reader and kernel model (ko) or the scenario loader and runner (yaml).")
        {
            kind, cases, seed, outDir, timeout, bases,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var n = parse.GetValue(cases);
            var ms = parse.GetValue(timeout);
            if (n < 1 || ms < 1)
            {
                error.WriteLine("modactors fuzz: --cases and --timeout-ms must be at least 1");
                return ExitCodes.Invalid;
            }
            var isKo = parse.GetValue(kind) == "ko";
            var given = parse.GetValue(bases) ?? [];
            var paths = given.Length > 0 ? given : FuzzInputs.Defaults(isKo);
            if (paths.Length == 0)
            {
                error.WriteLine($"modactors fuzz: no base inputs found ({(isKo ? "fixtures/ko/*.ko" : "scenarios/*.yaml")} from here or above); give --base");
                return ExitCodes.Invalid;
            }
            if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
            {
                error.WriteLine($"modactors fuzz: --base {missing}: no such regular file");
                return ExitCodes.Invalid;
            }
            var progress = new Action<long>(i =>
            {
                if (i % 10_000 == 0)
                    error.WriteLine($"modactors fuzz: {i} cases");
            });
            var limit = TimeSpan.FromMilliseconds(ms);
            var summary = isKo
                ? FuzzCampaign.Run(new KoFuzzer(paths), n, parse.GetValue(seed), parse.GetValue(outDir)!, limit, progress)
                : FuzzCampaign.Run(new YamlFuzzer(paths), n, parse.GetValue(seed), parse.GetValue(outDir)!, limit, progress);
            foreach (var line in summary.Lines())
                output.WriteLine(line);
            return summary.Bugs.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
