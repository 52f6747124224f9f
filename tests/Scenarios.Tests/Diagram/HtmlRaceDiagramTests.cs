using System.Text.RegularExpressions;
using ModActors.Scenarios.Diagram;
using Xunit;

namespace ModActors.Scenarios.Tests.Diagram;

public class HtmlRaceDiagramTests
{
    private static string Html(RaceRun run)
    {
        using var w = new StringWriter();
        RaceDiagram.WriteHtml(run.Trace, run.Summary, w);
        return w.ToString();
    }

    private static string[] LaneNames(string html) =>
        [.. Regex.Matches(html, "class=\"lane-head\" id=\"lane-\\d+\" data-lane=\"([^\"]*)\"").Select(m => m.Groups[1].Value)];

    [Fact]
    public void The_same_race_run_twice_gives_the_same_bytes()
    {
        Assert.Equal(Html(RaceRuns.LoadUnloadRace()), Html(RaceRuns.LoadUnloadRace()));
    }

    [Fact]
    public void Every_task_and_kernel_actor_gets_a_labelled_lane_tasks_first()
    {
        var lanes = LaneNames(Html(RaceRuns.SlowLoaders()));

        Assert.Equal(["a", "b", "c", "module_mutex", "idem_hash", "module_wq", "module-slow-1", "symbols", "kernel_points"], lanes);
    }

    [Fact]
    public void The_page_fetches_nothing_and_runs_no_script()
    {
        var html = Html(RaceRuns.LoadUnloadRace());

        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(Regex.Matches(html, @"url\((.)").Select(m => m.Groups[1].Value), c => Assert.Equal("#", c));
    }

    [Fact]
    public void Text_from_the_trace_and_the_summary_is_html_escaped()
    {
        var html = Html(RaceRuns.OddNames());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("x<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("data-lane=\"x&lt;b&gt;&amp;&quot;#;%y\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Virtual_time_is_labelled_where_it_moves_on()
    {
        var html = Html(RaceRuns.LoadUnloadRace());

        var bands = Regex.Matches(html, "<text class=\"band-text\"[^>]*>(t=[^<]+)</text>").Select(m => m.Groups[1].Value);
        Assert.Equal(["t=0ms", "t=1000ms", "t=1500ms", "t=2500ms"], bands);
    }

    [Fact]
    public void Waits_are_bars_on_the_waiting_task_lane()
    {
        var html = Html(RaceRuns.SlowLoaders());

        Assert.Contains("<g class=\"wait w-idem\" data-task=\"b\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"wait w-wq\" data-task=\"a\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"wait w-mutex\" data-task=\"c\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"wait w-sleep\" data-task=\"c\">", html, StringComparison.Ordinal);
        Assert.Contains("a waits for module_mutex held by c (#8 to #18)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_state_changes_and_call_results_are_marked_on_their_lanes()
    {
        var html = Html(RaceRuns.SlowLoaders());

        Assert.Contains("<rect class=\"st-coming\"", html, StringComparison.Ordinal);
        Assert.Contains("<rect class=\"st-live\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "<rect class=\"rc-bad\"[^>]*/><text[^>]*>-17 EEXIST</text>").Count);
        Assert.Single(Regex.Matches(html, "<rect class=\"rc-ok\"[^>]*/><text[^>]*>ret 0</text>"));
        Assert.Contains("<td class=\"bad\">-17 EEXIST</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_failing_step_is_highlighted_and_linked_from_the_heading()
    {
        var html = Html(RaceRuns.FailingAt(RaceRuns.SlowLoaders(), 85));

        Assert.Contains("<span class=\"pill fail\">FAIL</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#step-85\">failing step #85</a>", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"row\" id=\"step-85\"><text class=\"gutter-fail\"", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "class=\"fail-row\""));
    }

    [Fact]
    public void A_passing_run_highlights_no_step()
    {
        var html = Html(RaceRuns.SlowLoaders());

        Assert.Contains("<span class=\"pill pass\">PASS</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"fail-row\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Folded_bookkeeping_rows_keep_every_step_number()
    {
        var run = RaceRuns.SlowLoaders();
        var html = Html(run);

        var shown = new List<long>();
        foreach (Match m in Regex.Matches(html, "<g class=\"row[^\"]*\" id=\"step-\\d+\"><text class=\"[^\"]+\" x=\"\\d+\" y=\"\\d+\">#(\\d+)(?:-#(\\d+))?</text>"))
        {
            var first = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var last = m.Groups[2].Success ? long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : first;
            for (var s = first; s <= last; s++)
                shown.Add(s);
        }

        Assert.Equal(run.Trace.Steps.Select(s => s.Step), shown);
        Assert.Contains(">#60-#62</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_still_blocked_at_the_end_gets_an_open_wait_bar()
    {
        var html = Html(RaceRuns.NeverResumed());

        Assert.Matches("<g class=\"wait w-point\" data-task=\"waiter\">.*waits for AwaitPoint \\{ Task = nobody, Point = do_init_module \\} \\(never resumed\\) \\(#\\d+ to the end\\)", html);
    }

    [Fact]
    public void A_run_without_a_trace_says_so()
    {
        var html = Html(RaceRuns.Untraced());

        Assert.Contains("No steps were recorded", html, StringComparison.Ordinal);
        Assert.Contains("0 steps", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"race\"", html, StringComparison.Ordinal);
    }
}
