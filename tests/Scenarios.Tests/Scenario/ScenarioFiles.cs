// Helpers for scenario tests: the repository's scenarios/ folder, loading a scenario written inline
// (failing the test with its errors if it does not load), and invoking the scenario commands in-process
// the way Program.cs does (parse errors are exit code 2).
using System.CommandLine;
using ModActors.Cli.Commands;
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

internal static class ScenarioFiles
{
    public static string Root { get; } = FindRoot();

    public static string Library => Path.Combine(Root, "scenarios");

    public static IEnumerable<string> LibraryFiles() => Directory.GetFiles(Library, "*.yaml").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModActors.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ModActors.sln not found above " + AppContext.BaseDirectory);
    }

    public static LoadResult Parse(string yaml, string file = "test.yaml") => ScenarioLoader.Load(yaml, file, Library);

    public static ModActors.Scenarios.Scenario Load(string yaml)
    {
        var r = Parse(yaml);
        Assert.True(r.Scenario is not null, string.Join("\n", r.Errors));
        return r.Scenario!;
    }

    public static RunReport Run(string yaml, string strategy = "fifo", long seed = 0) =>
        ScenarioRunner.Run(new ScenarioSetup(Load(yaml)), new RunSettings(strategy, seed));

    public static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var root = new RootCommand { RunCommand.Create(), ExploreCommand.Create(), ReplayCommand.Create(), LintCommand.Create(), KallsymsCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
            return (2, "", string.Join("\n", parse.Errors.Select(e => e.Message)));
        var code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    public const string Slow = """
        modules:
          slow:
            params: { delay_ms: int, ret: int, exit_delay_ms: int }
            init: [ log: "init begin pid={pid}", sleep: $delay_ms, log: "init end", ret: $ret ]
            exit: [ log: "exit begin", sleep: $exit_delay_ms, log: "exit end" ]
        """;
}
