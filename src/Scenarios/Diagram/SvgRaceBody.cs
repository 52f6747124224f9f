// The body of the HTML race diagram as inline SVG: time bands where virtual time moves on, a vertical line
// per lane, module_mutex's holders and the tasks' waits as bars, one arrow per step (dashed for the reply
// that resumes a task, a loop for a message to itself, a clock for a timer), marks for module state changes
// and call results, the failing step highlighted, and the step's message and notes in the notes column.
// Full texts go in <title> elements, so a hover shows what the short labels leave out.
using System.Text;
using ModActors.Runtime;
using static ModActors.Scenarios.Diagram.HtmlRaceDiagram;

namespace ModActors.Scenarios.Diagram;

internal static class SvgRaceBody
{
    private const int NoteChars = 150;
    private const int LabelChars = 28;

    public static void Write(RaceModel model, HtmlLayout layout, TextWriter w)
    {
        w.Write("<svg class=\"race\" width=\"" + N(layout.Width) + "\" height=\"" + N(layout.Height) + "\" viewBox=\"0 0 "
            + N(layout.Width) + " " + N(layout.Height) + "\">\n");
        w.Write("<defs><marker id=\"ah\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
            + "<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#333\"/></marker>"
            + "<marker id=\"ahr\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
            + "<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#777\"/></marker></defs>\n");
        Backgrounds(model, layout, w);
        LaneLines(model, layout, w);
        Holds(model, layout, w);
        Waits(model, layout, w);
        var marks = Marks(model, layout);
        for (var r = 0; r < model.Steps.Count; r++)
            Row(model, layout, r, marks, w);
        w.Write("</svg>\n");
    }

    private static void Backgrounds(RaceModel model, HtmlLayout layout, TextWriter w)
    {
        foreach (var (y, time) in layout.TimeBands)
        {
            w.Write("<rect class=\"band\" x=\"0\" y=\"" + N(y) + "\" width=\"" + N(layout.Width) + "\" height=\""
                + N(HtmlLayout.TimeBandHeight) + "\"/><line class=\"band-line\" x1=\"0\" y1=\"" + N(y) + "\" x2=\""
                + N(layout.Width) + "\" y2=\"" + N(y) + "\"/><text class=\"band-text\" x=\"4\" y=\"" + N(y + 13)
                + "\">t=" + Time(time) + "</text>\n");
        }

        const int h = HtmlLayout.RowHeight;
        for (var r = 0; r < model.Steps.Count; r++)
        {
            if (model.IsFailing(model.Steps[r]))
            {
                w.Write("<rect class=\"fail-row\" x=\"1\" y=\"" + N(layout.RowTop(r)) + "\" width=\"" + N(layout.Width - 2)
                    + "\" height=\"" + N(h) + "\"/><rect class=\"fail-edge\" x=\"0\" y=\"" + N(layout.RowTop(r))
                    + "\" width=\"5\" height=\"" + N(h) + "\"/>\n");
            }
            else if (r % 2 == 1)
            {
                w.Write("<rect class=\"stripe\" x=\"0\" y=\"" + N(layout.RowTop(r)) + "\" width=\"" + N(layout.Width)
                    + "\" height=\"" + N(h) + "\"/>\n");
            }
        }
    }

    private static void LaneLines(RaceModel model, HtmlLayout layout, TextWriter w)
    {
        foreach (var lane in model.Lanes)
        {
            var x = N(HtmlLayout.LaneCentre(lane.Index));
            w.Write("<line class=\"lane-line\" x1=\"" + x + "\" y1=\"0\" x2=\"" + x + "\" y2=\"" + N(layout.Height)
                + "\" stroke=\"" + HtmlLayout.LaneTint(lane.Index, 0.55) + "\"/>\n");
        }
    }

    private static void Holds(RaceModel model, HtmlLayout layout, TextWriter w)
    {
        if (model.LaneOf(DiagramLanes.ModuleMutex) is not { } mutex)
            return;
        foreach (var h in model.Holds)
        {
            if (model.LaneOf(h.Task) is not { } holder)
                continue;
            var (top, bottom) = Span(model, layout, h.FromStep, h.ToStep);
            w.Write("<rect class=\"hold\" x=\"" + N(HtmlLayout.LaneCentre(mutex.Index) - 3) + "\" y=\"" + N(top)
                + "\" width=\"6\" height=\"" + N(bottom - top) + "\" fill=\"" + HtmlLayout.LaneColour(holder.Index)
                + "\"><title>" + E("module_mutex held by " + h.Task + " from #" + N(h.FromStep)
                + (h.Open ? " to the end of the run" : " to #" + N(h.ToStep))) + "</title></rect>\n");
        }
    }

    private static void Waits(RaceModel model, HtmlLayout layout, TextWriter w)
    {
        foreach (var bar in model.Waits)
        {
            if (model.LaneOf(bar.Task) is not { } lane)
                continue;
            var (top, bottom) = Span(model, layout, bar.FromStep, bar.ToStep);
            var x = HtmlLayout.LaneCentre(lane.Index);
            var title = bar.Label + " (#" + N(bar.FromStep) + (bar.Open ? " to the end" : " to #" + N(bar.ToStep)) + ")";
            w.Write("<g class=\"wait " + bar.Style + "\" data-task=\"" + E(bar.Task) + "\"><rect x=\"" + N(x - 5) + "\" y=\""
                + N(top) + "\" width=\"10\" height=\"" + N(Math.Max(bottom - top, 4)) + "\" rx=\"3\"/>");
            if (bottom - top >= 60)
            {
                w.Write("<text x=\"" + N(x + 8) + "\" y=\"" + N(top + 4) + "\" transform=\"rotate(90 " + N(x + 8) + " "
                    + N(top + 4) + ")\">" + E(Clip(bar.Label, (bottom - top - 8) / 5)) + "</text>");
            }

            w.Write("<title>" + E(title) + "</title></g>\n");
        }
    }

    /// <summary>From the middle of the first step's row to the middle of the last one's.</summary>
    private static (int Top, int Bottom) Span(RaceModel model, HtmlLayout layout, long from, long to)
    {
        var first = Math.Max(layout.RowAtOrBefore(from), 0);
        var last = Math.Max(layout.RowAtOrBefore(to), first);
        return (layout.ArrowY(first), layout.ArrowY(last));
    }

    /// <summary>The marks drawn on lanes, by row: call results from the summary first, then what the steps noted.</summary>
    private static Dictionary<int, List<(int Lane, string Text, string Style, string Title)>> Marks(RaceModel model, HtmlLayout layout)
    {
        var marks = new Dictionary<int, List<(int Lane, string Text, string Style, string Title)>>();
        void Add(int row, int lane, string text, string style, string title)
        {
            if (!marks.TryGetValue(row, out var list))
                marks[row] = list = [];
            if (!list.Exists(m => m.Lane == lane))
                list.Add((lane, text, style, title));
        }

        foreach (var c in model.Summary.Calls)
        {
            var row = layout.RowAtOrBefore(c.EndStep);
            if (row >= 0 && model.LaneOf(c.Task) is { } lane)
            {
                var result = CallText(c);
                Add(row, lane.Index, c.Rc < 0 ? result : "ret " + result, c.Rc < 0 ? "rc-bad" : "rc-ok",
                    c.Task + ": " + c.Op + " " + c.Target + " returned " + result);
            }
        }

        for (var r = 0; r < model.Steps.Count; r++)
        {
            var s = model.Steps[r];
            foreach (var m in model.MarksOf(s))
            {
                if (model.LaneOf(m.Lane) is { } lane)
                    Add(r, lane.Index, m.Text, m.Style, string.Join("; ", s.Annotations));
            }
        }

        return marks;
    }

    private static void Row(
        RaceModel model,
        HtmlLayout layout,
        int r,
        Dictionary<int, List<(int Lane, string Text, string Style, string Title)>> marks,
        TextWriter w)
    {
        var s = model.Steps[r];
        var top = layout.RowTop(r);
        var y = layout.ArrowY(r);
        w.Write("<g class=\"row\" id=\"step-" + N(s.Step) + "\"><text class=\"" + (model.IsFailing(s) ? "gutter-fail" : "gutter")
            + "\" x=\"8\" y=\"" + N(top + 15) + "\">#" + N(s.Step) + "</text><text class=\"gutter\" x=\"60\" y=\"" + N(top + 15)
            + "\">" + Time(s.Time) + "</text>");
        Arrow(model, s, y, w);
        Notes(model, layout, s, top + 15, w);
        if (marks.TryGetValue(r, out var list))
        {
            foreach (var (lane, text, style, title) in list)
                Badge(HtmlLayout.LaneCentre(lane), y, text, style, title, w);
        }

        w.Write("</g>\n");
    }

    private static void Arrow(RaceModel model, TraceStep s, int y, TextWriter w)
    {
        if (model.LaneOf(s.To) is not { } to)
            return;
        var tx = HtmlLayout.LaneCentre(to.Index);
        var from = model.LaneOf(s.From);
        var reply = from is not null && s.Message.StartsWith("resume ", StringComparison.Ordinal);
        var cls = reply ? "msg reply" : "msg";
        var marker = reply ? " marker-end=\"url(#ahr)\"" : " marker-end=\"url(#ah)\"";
        int labelX;
        var anchor = "middle";
        if (from is not null && from.Index != to.Index)
        {
            var fx = HtmlLayout.LaneCentre(from.Index);
            var end = tx + (fx < tx ? -3 : 3);
            w.Write("<line class=\"" + cls + "\" x1=\"" + N(fx) + "\" y1=\"" + N(y) + "\" x2=\"" + N(end) + "\" y2=\"" + N(y) + "\"" + marker + "/>");
            labelX = (fx + tx) / 2;
        }
        else if (from is not null)
        {
            w.Write("<path class=\"" + cls + "\" d=\"M" + N(tx) + "," + N(y - 5) + " h16 v8 h-13\"" + marker + "/>");
            labelX = tx + 20;
            anchor = "start";
        }
        else if (s.From == DiagramLanes.Timer)
        {
            w.Write("<circle class=\"msg\" cx=\"" + N(tx - 22) + "\" cy=\"" + N(y) + "\" r=\"5\"/><path class=\"msg\" d=\"M"
                + N(tx - 22) + "," + N(y - 3) + " v3 h3\"/><line class=\"" + cls + "\" x1=\"" + N(tx - 16) + "\" y1=\"" + N(y)
                + "\" x2=\"" + N(tx - 3) + "\" y2=\"" + N(y) + "\"" + marker + "/>");
            labelX = tx + 6;
            anchor = "start";
        }
        else
        {
            w.Write("<circle cx=\"" + N(tx - 30) + "\" cy=\"" + N(y) + "\" r=\"2.5\" fill=\"#333\"/><line class=\"" + cls + "\" x1=\""
                + N(tx - 30) + "\" y1=\"" + N(y) + "\" x2=\"" + N(tx - 3) + "\" y2=\"" + N(y) + "\"" + marker + "/>");
            labelX = tx + 6;
            anchor = "start";
        }

        w.Write("<text class=\"label\" x=\"" + N(labelX) + "\" y=\"" + N(y - 4) + "\" text-anchor=\"" + anchor + "\">"
            + E(ShortLabel(s)) + "<title>" + E(s.ToString()) + "</title></text>");
    }

    /// <summary>The message's record type ("MutexLock"), or what a timer resumed ("sleep 1000ms").</summary>
    internal static string ShortLabel(TraceStep s)
    {
        var text = s.Message.StartsWith("resume ", StringComparison.Ordinal) ? s.Message["resume ".Length..] : s.Message;
        if (s.From == DiagramLanes.Timer)
            return Clip(text, LabelChars);
        var cut = text.IndexOfAny([' ', '{']);
        return Clip(cut > 0 ? text[..cut] : text, LabelChars);
    }

    private static void Notes(RaceModel model, HtmlLayout layout, TraceStep s, int y, TextWriter w)
    {
        var parts = new List<(string Text, string Style)> { (s.From + " -> " + s.To + ": " + s.Message, "note-msg") };
        foreach (var c in model.Summary.Calls.Where(c => c.EndStep == s.Step))
            parts.Add((c.Task + ": " + c.Op + " " + c.Target + " returned " + CallText(c), "n-call"));
        foreach (var a in s.Annotations)
            parts.Add((a, NoteStyle(StepMarks.Classify(a))));

        w.Write("<text x=\"" + N(layout.NotesLeft) + "\" y=\"" + N(y) + "\">");
        var budget = NoteChars;
        var full = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            var (text, style) = parts[i];
            var shown = (i == 0 ? "" : "  \u00b7 ") + text;
            full.Append(shown);
            if (budget > 0)
                w.Write("<tspan class=\"" + style + "\">" + E(Clip(shown, budget)) + "</tspan>");
            budget -= shown.Length;
        }

        w.Write("<title>" + E(full.ToString()) + "</title></text>");
    }

    private static string NoteStyle(NoteKind kind) => kind switch
    {
        NoteKind.State => "n-state",
        NoteKind.Exit => "n-exit",
        NoteKind.Wait => "n-wait",
        NoteKind.Wake => "n-wake",
        NoteKind.Point => "n-point",
        _ => "n-other",
    };

    private static void Badge(int x, int y, string text, string style, string title, TextWriter w)
    {
        var width = Math.Min((text.Length * 7) + 10, HtmlLayout.LaneWidth - 4);
        w.Write("<g class=\"badge\"><rect class=\"" + style + "\" x=\"" + N(x - (width / 2)) + "\" y=\"" + N(y - 7) + "\" width=\""
            + N(width) + "\" height=\"14\" rx=\"7\"/><text x=\"" + N(x) + "\" y=\"" + N(y + 3) + "\" text-anchor=\"middle\">"
            + E(text) + "</text><title>" + E(title) + "</title></g>");
    }

    internal static string Clip(string text, int max) =>
        max <= 1 ? "" : text.Length <= max ? text : text[..(max - 1)] + "\u2026";
}
