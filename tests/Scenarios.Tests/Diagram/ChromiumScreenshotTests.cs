using System.Text.RegularExpressions;
using ModActors.Scenarios.Diagram;
using Xunit;

namespace ModActors.Scenarios.Tests.Diagram;

public sealed class ChromiumScreenshotTests : IDisposable
{
    private const int WindowWidth = 1400;
    private const int WindowHeight = 900;

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("modactors-diagram-");

    public void Dispose() => dir.Delete(recursive: true);

    private string WritePage(RaceRun run)
    {
        var path = Path.Combine(dir.FullName, "race.html");
        RaceDiagram.WriteFile(path, run.Trace, run.Summary);
        return path;
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static void AssertColour(string expected, (byte R, byte G, byte B) actual, string what)
    {
        var (r, g, b) = Rgb(expected);
        Assert.True(
            Math.Abs(r - actual.R) <= 3 && Math.Abs(g - actual.G) <= 3 && Math.Abs(b - actual.B) <= 3,
            $"{what}: expected {expected}, the screenshot has #{actual.R:x2}{actual.G:x2}{actual.B:x2}");
    }

    [ChromiumFact]
    public void Headless_chromium_renders_each_lane_header_in_its_own_colour()
    {
        var run = RaceRuns.LoadUnloadRace();
        var lanes = RaceModel.Build(run.Trace, run.Summary).Lanes;

        var shot = PngImage.Decode(HeadlessChromium.Screenshot(WritePage(run), WindowWidth, WindowHeight));

        Assert.Equal((WindowWidth, WindowHeight), (shot.Width, shot.Height));
        var visible = lanes.Where(l => HtmlLayout.LaneLeft(l.Index) + HtmlLayout.LaneWidth <= WindowWidth).ToList();
        Assert.True(visible.Count >= 8, $"only {visible.Count} lanes fit in the window");
        Assert.Equal(visible.Count, visible.Select(l => HtmlLayout.LaneColour(l.Index)).Distinct().Count());
        foreach (var lane in visible)
        {
            var x = HtmlLayout.LaneLeft(lane.Index) + (HtmlLayout.LaneWidth / 2);
            AssertColour(HtmlLayout.LaneColour(lane.Index), shot.Pixel(x, HtmlLayout.BannerHeight + (HtmlLayout.HeaderStrip / 2)), "header strip of lane " + lane.Name);
        }
    }

    [ChromiumFact]
    public void Headless_chromium_shows_the_failing_step_in_red()
    {
        var slow = RaceRuns.SlowLoaders();
        var run = RaceRuns.FailingAt(slow, RaceRuns.Noted(slow, "inode 1 busy: b waits").Step);
        var model = RaceModel.Build(run.Trace, run.Summary);
        var layout = new HtmlLayout(model);
        var row = layout.RowOf(run.Summary.FailingStep!.Value);
        var top = HtmlLayout.BannerHeight + HtmlLayout.HeaderHeight + layout.RowTop(row);
        Assert.True(row >= 0 && top + HtmlLayout.RowHeight <= WindowHeight, $"the failing row (y {top}) is outside the window");

        var shot = PngImage.Decode(HeadlessChromium.Screenshot(WritePage(run), WindowWidth, WindowHeight));

        AssertColour("#c62828", shot.Pixel(2, top + (HtmlLayout.RowHeight / 2)), "left edge of the failing row");
        AssertColour("#ffd6d6", shot.Pixel(HtmlLayout.GutterWidth - 6, top + (HtmlLayout.RowHeight / 2)), "background of the failing row");
    }

    [ChromiumFact]
    public void Headless_chromium_builds_a_lane_header_per_lane_and_a_row_per_row()
    {
        var run = RaceRuns.SlowLoaders();
        var model = RaceModel.Build(run.Trace, run.Summary);

        var dom = HeadlessChromium.DumpDom(WritePage(run));

        Assert.Equal(model.Lanes.Select(l => l.Name), Regex.Matches(dom, "class=\"lane-head\" id=\"lane-\\d+\" data-lane=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(model.Steps.Select(s => "step-" + s.Step), Regex.Matches(dom, "<g class=\"row\" id=\"(step-\\d+)\">").Select(m => m.Groups[1].Value));
        Assert.Equal(model.Waits.Count, Regex.Matches(dom, "<g class=\"wait ").Count);
    }
}
