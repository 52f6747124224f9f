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
    public async Task Races_run_on_parallel_threads_give_the_same_bytes_as_one_run_alone()
    {
        var alone = Html(RaceRuns.LoadUnloadRace());

        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            i % 2 == 0 ? Html(RaceRuns.LoadUnloadRace()) : Html(RaceRuns.SlowLoaders()))));

        Assert.All(parallel.Where((_, i) => i % 2 == 0), page => Assert.Equal(alone, page));
        Assert.Single(parallel.Where((_, i) => i % 2 == 1).Distinct());
    }

    [Fact]
    public void Every_task_and_kernel_actor_gets_a_labelled_lane_tasks_first()
    {
        var lanes = LaneNames(Html(RaceRuns.SlowLoaders()));

        Assert.Equal(["a", "b", "c", "module_mutex", "idem_hash", "module_wq", "module-slow"], lanes);
    }

    [Fact]
    public void A_task_named_like_a_struct_module_actor_keeps_a_task_lane()
    {
        var html = Html(RaceRuns.SlowLoaders("a", "module-x", "c"));

        Assert.Equal(["a", "module-x", "c", "module_mutex", "idem_hash", "module_wq", "module-slow"], LaneNames(html));
        Assert.Matches("data-lane=\"module-x\"[^>]*><b>module-x</b><span>task</span>", html);
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
        var run = RaceRuns.LoadUnloadRace();
        var html = Html(run);

        var bands = Regex.Matches(html, "<text class=\"band-text\"[^>]*>(t=[^<]+)</text>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(run.Trace.Steps.Select(s => "t=" + s.Time.TotalMilliseconds + "ms").Distinct(), bands);
        Assert.Equal(["t=0ms", "t=1000ms", "t=1100ms", "t=1500ms", "t=2500ms"], bands);
    }

    [Fact]
    public void Waits_are_bars_on_the_waiting_task_lane()
    {
        var html = Html(RaceRuns.SlowLoaders());

        Assert.Contains("<g class=\"wait w-idem\" data-task=\"b\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"wait w-wq\" data-task=\"a\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"wait w-sleep\" data-task=\"c\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_for_module_mutex_lasts_from_the_lock_attempt_until_the_lock_is_handed_over()
    {
        var run = RaceRuns.MutexContention();
        var html = Html(run);
        var (queued, waiter, note, locked) = RaceRuns.FirstMutexWait(run);

        Assert.Contains($"<g class=\"wait w-mutex\" data-task=\"{waiter}\">", html, StringComparison.Ordinal);
        Assert.Equal(("module_mutex", "resume MutexLocked { }"), (locked.From, locked.Message));
        Assert.Contains($"<title>{note} (#{queued.Step} to #{locked.Step})</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_uncontended_mutex_lock_is_no_wait_but_its_hold_is_drawn_on_the_module_mutex_lane()
    {
        var run = RaceRuns.SlowLoaders();
        var html = Html(run);
        var fastLock = RaceRuns.Noted(run, "a locks module_mutex");

        Assert.DoesNotContain("class=\"wait w-mutex\"", html, StringComparison.Ordinal);
        Assert.Equal(("a", "resume mutex_lock"), (fastLock.From, fastLock.Message));
        Assert.Contains($"module_mutex held by a from #{fastLock.Step}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_for_a_module_state_lasts_until_the_module_reaches_it()
    {
        var run = RaceRuns.LoadUnloadRace();
        var html = Html(run);
        var steps = run.Trace.Steps;
        var ask = steps.Single(s => s.From == "rm" && s.To == "kernel_points");
        var live = RaceRuns.Noted(run, "slow COMING -> LIVE");
        var released = steps.First(s => s.Step > ask.Step && s.To == "rm");

        Assert.Equal(("module-slow", "resume Done { }"), (released.From, released.Message));
        Assert.True(released.Step > live.Step && released.Time == live.Time, $"rm resumed at #{released.Step}, slow went LIVE at #{live.Step}");
        var lastRun = steps.Last(s => s.Step < ask.Step && s.To == "rm").Step;
        Assert.Contains("<g class=\"wait w-point\" data-task=\"rm\">", html, StringComparison.Ordinal);
        Assert.Contains($"<title>waits for AwaitState {{ Module = slow, State = Live }} (#{lastRun} to #{released.Step})</title>", html, StringComparison.Ordinal);
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
        var run = RaceRuns.FailingAtExit(RaceRuns.SlowLoaders(), "b");
        var html = Html(run);
        var f = run.Summary.FailingStep;

        Assert.Contains("<span class=\"pill fail\">FAIL</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#step-{f}\">failing step #{f}</a>", html, StringComparison.Ordinal);
        Assert.Matches($"<g class=\"row\" id=\"step-{f}\"><text class=\"gutter-fail\" x=\"8\" y=\"\\d+\">#{f}</text>", html);
        Assert.Single(Regex.Matches(html, "class=\"fail-row\""));
        Assert.Single(Regex.Matches(html, "class=\"gutter-fail\""));
    }

    [Fact]
    public void A_passing_run_highlights_no_step()
    {
        var html = Html(RaceRuns.SlowLoaders());

        Assert.Contains("<span class=\"pill pass\">PASS</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"fail-row\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_step_has_its_own_row_with_its_number_in_step_order()
    {
        var run = RaceRuns.SlowLoaders();
        var html = Html(run);

        var rows = Regex.Matches(html, "<g class=\"row\" id=\"step-(\\d+)\"><text class=\"[^\"]+\" x=\"\\d+\" y=\"\\d+\">#(\\d+)</text>")
            .Select(m => (Id: m.Groups[1].Value, Shown: m.Groups[2].Value)).ToList();
        var steps = run.Trace.Steps.Select(s => s.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(steps, rows.Select(r => r.Id));
        Assert.Equal(steps, rows.Select(r => r.Shown));
        Assert.Equal(steps.Count, Regex.Matches(html, "<g class=\"row").Count);
    }

    [Fact]
    public void A_second_instance_of_a_module_has_its_own_lane_with_its_state_changes()
    {
        var run = RaceRuns.LoadUnloadRace();
        var html = Html(run);
        var model = RaceModel.Build(run.Trace, run.Summary);
        var first = model.LaneOf("module-slow")!;
        var second = model.LaneOf("module-slow-2")!;

        Assert.Equal(first.Index + 1, second.Index);
        Assert.Equal("module-slow-2", RaceRuns.Noted(run, "slow-2 COMING -> LIVE").To);
        var live = Regex.Matches(html, "<g class=\"badge\"><rect class=\"st-live\" x=\"(\\d+)\" y=\"\\d+\" width=\"(\\d+)\"")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                + (int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) / 2));
        Assert.Equal([HtmlLayout.LaneCentre(first.Index), HtmlLayout.LaneCentre(second.Index)], live);
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
