// The race diagram as one self-contained HTML page: inline CSS, an inline SVG body (SvgRaceBody), no script
// and nothing fetched. Heading (scenario, schedule, verdict with a link to the failing step), sticky lane
// headers, the diagram, then the calls' results and a legend. Every text taken from the trace or the
// summary is HTML-escaped; numbers are written invariantly, so the same run gives the same bytes.
using System.Globalization;
using System.Net;

namespace ModActors.Scenarios.Diagram;

internal static class HtmlRaceDiagram
{
    private const string Css = """
        body { margin: 0; font: 12px/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; background: #fff; }
        .banner { box-sizing: border-box; height: 80px; padding: 8px 12px; overflow: hidden; background: #f4f4f4; border-bottom: 1px solid #ccc; }
        .banner div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .banner .title { font-size: 16px; font-weight: bold; }
        .banner .meta { color: #555; margin-top: 3px; }
        .banner .verdict { margin-top: 4px; }
        .pill { display: inline-block; padding: 0 8px; border-radius: 8px; color: #fff; font-weight: bold; }
        .pill.pass { background: #2e7d32; } .pill.fail { background: #c62828; }
        .lanes { box-sizing: border-box; position: sticky; top: 0; z-index: 2; display: flex; height: 48px; background: #fff; border-bottom: 1px solid #bbb; }
        .lanes > div { box-sizing: border-box; flex: 0 0 auto; height: 48px; overflow: hidden; padding: 1px 3px; }
        .gutter-head { width: 112px; color: #555; border-top: 8px solid #fff; }
        .lane-head { width: 96px; border-top: 8px solid; border-left: 1px solid #fff; text-align: center; word-break: break-all; }
        .lane-head b { display: block; font-size: 10px; line-height: 12px; }
        .lane-head span { display: block; font-size: 9px; color: #555; }
        .notes-head { width: 720px; color: #555; border-top: 8px solid #fff; padding-left: 8px; }
        svg.race { display: block; font-size: 10px; }
        svg.race text { white-space: pre; }
        .band { fill: #eef3fb; } .band-line { stroke: #6a8cc7; stroke-dasharray: 4 3; } .band-text { fill: #1d4f9c; font-weight: bold; }
        .stripe { fill: #fafafa; } .fail-row { fill: #ffd6d6; stroke: #c62828; stroke-width: 1.5; } .fail-edge { fill: #c62828; }
        .lane-line { stroke-width: 1; }
        .msg { stroke: #333; stroke-width: 1.2; fill: none; } .reply { stroke: #777; stroke-dasharray: 4 2; }
        .label { fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        .gutter { fill: #555; } .gutter-fail { fill: #c62828; font-weight: bold; }
        .note-msg { fill: #666; } .n-state { fill: #6a1b9a; font-weight: bold; } .n-exit { fill: #1b5e20; font-weight: bold; }
        .n-wait { fill: #d35400; } .n-wake { fill: #1565c0; } .n-point { fill: #444; } .n-other { fill: #333; } .n-call { fill: #000; font-weight: bold; }
        .hold { opacity: 0.55; }
        .w-mutex { fill: #e67e22; } .w-wq { fill: #8e44ad; } .w-idem { fill: #2980b9; } .w-sleep { fill: #7f8c8d; }
        .w-point { fill: #16a085; } .w-exit { fill: #b7950b; } .w-other { fill: #95a5a6; }
        .wait rect { opacity: 0.8; } .wait text { font-size: 9px; }
        .badge text { fill: #fff; font-size: 9px; font-weight: bold; }
        .st-unformed { fill: #757575; } .st-coming { fill: #ef6c00; } .st-live { fill: #2e7d32; } .st-going { fill: #ad1457; }
        .rc-ok { fill: #2e7d32; } .rc-bad { fill: #c62828; }
        .after { padding: 8px 12px 24px; }
        .after h2 { font-size: 14px; margin: 14px 0 6px; }
        table.calls { border-collapse: collapse; } table.calls td, table.calls th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
        td.bad { color: #c62828; font-weight: bold; } td.ok { color: #2e7d32; }
        .legend svg.sw { margin-left: 10px; vertical-align: middle; }
        .empty { padding: 12px; color: #555; }
        """;

    public static void Write(RaceModel model, TextWriter w)
    {
        var layout = new HtmlLayout(model);
        var summary = model.Summary;
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"generator\" content=\"modactors\">\n");
        w.Write("<title>ModActors race: " + E(summary.Scenario) + "</title>\n<style>\n" + Css + "\n</style>\n</head>\n<body>\n");
        Banner(model, w);
        LaneHeaders(model, layout, w);
        if (model.Steps.Count == 0)
            w.Write("<div class=\"empty\">No steps were recorded: the run had tracing off.</div>\n");
        else
            SvgRaceBody.Write(model, layout, w);
        w.Write("<div class=\"after\">\n");
        Calls(model, w);
        Legend(w);
        w.Write("</div>\n</body>\n</html>\n");
    }

    /// <summary>HTML-escapes text for element content and attribute values.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(text);

    public static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Time(TimeSpan t) =>
        (t.Ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture) + "ms";

    private static void Banner(RaceModel model, TextWriter w)
    {
        var s = model.Summary;
        var tasks = model.Lanes.Count(l => l.Kind == LaneKind.Task);
        w.Write("<div class=\"banner\">\n");
        w.Write("<div class=\"title\">ModActors race diagram: " + E(s.Scenario) + "</div>\n");
        w.Write("<div class=\"meta\">strategy " + E(s.Strategy) + " &middot; seed " + N(s.Seed) + " &middot; "
            + N(model.Steps.Count) + " steps &middot; virtual time " + Time(model.EndTime) + " &middot; "
            + N(tasks) + " tasks, " + N(model.Lanes.Count) + " lanes</div>\n");
        w.Write("<div class=\"verdict\"><span class=\"pill " + (s.Passed ? "pass\">PASS" : "fail\">FAIL") + "</span> "
            + E(s.Verdict));
        if (s.FailingStep is { } f)
            w.Write(" &middot; <a href=\"#step-" + N(f) + "\">failing step #" + N(f) + "</a>");
        w.Write("</div>\n</div>\n");
    }

    private static void LaneHeaders(RaceModel model, HtmlLayout layout, TextWriter w)
    {
        w.Write("<div class=\"lanes\" style=\"width:" + N(layout.Width) + "px\">\n");
        w.Write("<div class=\"gutter-head\">step &middot; time</div>\n");
        foreach (var lane in model.Lanes)
        {
            w.Write("<div class=\"lane-head\" id=\"lane-" + N(lane.Index) + "\" data-lane=\"" + E(lane.Name)
                + "\" style=\"border-top-color:" + HtmlLayout.LaneColour(lane.Index) + ";background:"
                + HtmlLayout.LaneTint(lane.Index, 0.85) + "\"><b>" + E(lane.Name) + "</b><span>" + lane.KindText
                + "</span></div>\n");
        }

        w.Write("<div class=\"notes-head\">message &middot; notes</div>\n</div>\n");
    }

    private static void Calls(RaceModel model, TextWriter w)
    {
        w.Write("<h2>Calls</h2>\n");
        if (model.Summary.Calls.Count == 0)
        {
            w.Write("<p>No calls were recorded.</p>\n");
            return;
        }

        w.Write("<table class=\"calls\">\n<tr><th>task</th><th>call</th><th>target</th><th>result</th><th>steps</th></tr>\n");
        foreach (var c in model.Summary.Calls)
        {
            w.Write("<tr><td>" + E(c.Task) + "</td><td>" + E(c.Op) + "</td><td>" + E(c.Target) + "</td><td class=\""
                + (c.Rc < 0 ? "bad" : "ok") + "\">" + E(CallText(c)) + "</td><td>#" + N(c.StartStep) + " - #"
                + N(c.EndStep) + "</td></tr>\n");
        }

        w.Write("</table>\n");
    }

    /// <summary>A call's result: "0", or "-17 EEXIST" (the runner's errno name, else the kernel's).</summary>
    public static string CallText(CallResult c) =>
        c.Rc < 0 ? N(c.Rc) + " " + (c.Errno ?? ModActors.Kernel.Errno.Name(c.Rc)) : N(c.Rc);

    private static void Legend(TextWriter w)
    {
        (string Style, string Text)[] items =
        [
            ("w-mutex", "waits for module_mutex"), ("w-wq", "sleeps on module_wq"),
            ("w-idem", "idempotent_wait_for_completion"), ("w-sleep", "msleep"), ("w-point", "waits for a kernel point"),
            ("w-exit", "waits for a helper to exit"), ("w-other", "other wait"),
        ];
        w.Write("<h2>Legend</h2>\n<div class=\"legend\">solid arrow: message &middot; dashed arrow: reply that resumes a task"
            + " &middot; thin bar on module_mutex: its holder, in the holder's colour<br>\nwaits:");
        foreach (var (style, text) in items)
            w.Write(" <svg class=\"sw\" width=\"10\" height=\"10\"><rect class=\"" + style + "\" width=\"10\" height=\"10\"/></svg> " + text);
        w.Write("\n</div>\n");
    }
}
