using ModActors.Scenarios.Diagram;
using Xunit;

namespace ModActors.Scenarios.Tests.Diagram;

public sealed class RaceDiagramFileTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("modactors-diagram-file-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void The_extension_chooses_html_or_mermaid()
    {
        var run = RaceRuns.SlowLoaders();
        var htm = Path.Combine(dir.FullName, "race.HTM");
        var mmd = Path.Combine(dir.FullName, "race.mmd");

        RaceDiagram.WriteFile(htm, run.Trace, run.Summary);
        RaceDiagram.WriteFile(mmd, run.Trace, run.Summary);

        Assert.StartsWith("<!DOCTYPE html>\n", File.ReadAllText(htm), StringComparison.Ordinal);
        Assert.StartsWith("sequenceDiagram\n", File.ReadAllText(mmd), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, File.ReadAllBytes(mmd)[0]);
    }

    [Fact]
    public void An_unknown_format_is_refused_by_name_before_any_file_is_written()
    {
        var run = RaceRuns.SlowLoaders();
        var png = Path.Combine(dir.FullName, "race.png");

        var e = Assert.Throws<ArgumentException>(() => RaceDiagram.WriteFile(png, run.Trace, run.Summary));

        Assert.StartsWith($"--diagram {png}: unknown diagram format '.png'; use .html or .mmd", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(png));
        Assert.Throws<ArgumentException>(() => RaceDiagram.CheckPath("out"));
        RaceDiagram.CheckPath("out.html");
    }

    [Fact]
    public void A_path_that_cannot_be_written_is_an_io_error_naming_it()
    {
        var run = RaceRuns.SlowLoaders();
        var path = Path.Combine(dir.FullName, "missing", "race.html");

        var e = Assert.Throws<IOException>(() => RaceDiagram.WriteFile(path, run.Trace, run.Summary));

        Assert.StartsWith($"--diagram {path}: cannot write the diagram:", e.Message, StringComparison.Ordinal);
    }
}
