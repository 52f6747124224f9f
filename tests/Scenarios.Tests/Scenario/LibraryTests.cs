// Every scenario of scenarios/ loads, passes its expectations under fifo, and passes them in every run
// of a pct exploration of a few hundred runs.
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class LibraryTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in ScenarioFiles.LibraryFiles())
            data.Add(Path.GetFileName(f));
        return data;
    }

    private static ScenarioSetup Setup(string name)
    {
        var loaded = ScenarioLoader.LoadFile(Path.Combine(ScenarioFiles.Library, name));
        Assert.True(loaded.Scenario is not null, string.Join("\n", loaded.Errors));
        return new ScenarioSetup(loaded.Scenario!);
    }

    [Fact]
    public void The_library_holds_at_least_sixteen_scenarios_each_starting_with_a_comment()
    {
        var files = ScenarioFiles.LibraryFiles().ToList();
        Assert.True(files.Count >= 16, $"{files.Count} scenarios");
        Assert.All(files, f => Assert.StartsWith("# ", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Passes_under_fifo(string name)
    {
        var r = ScenarioRunner.Run(Setup(name), new RunSettings());
        Assert.True(r.Passed, string.Join("\n", r.Failures));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Passes_in_every_run_of_a_pct_exploration(string name)
    {
        var setup = Setup(name);
        var x = ScenarioExplorer.Explore(setup, new ExploreSettings("pct", 200, 0, Math.Max(2, setup.Scenario.Explore.Depth), 100_000, (0, 1)));
        Assert.True(x.Report.Failed == 0, string.Join("\n", TextReport.Explore(setup.Scenario, x)));
    }
}
