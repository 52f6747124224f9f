// The race diagram as a Mermaid sequenceDiagram: a participant per lane (ids P0, P1, ... so no actor name
// can clash with Mermaid's keywords or arrows), an arrow per step with its step number ("->>" for a message,
// "-->>" for the reply that resumes a task), notes for what the step noted (state changes, results, waits),
// a note across all lanes wherever virtual time moves on, activation bars for the tasks' waits, and the
// failing step inside a red rect.
// Texts are escaped for Mermaid's lexer: '#' and ';' end a text, '%' can start a comment, '<' a tag and '&'
// an HTML entity, so they are written as Mermaid entity codes (#35; and so on); line breaks become spaces.
using System.Globalization;
using System.Text;
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal static class MermaidRaceDiagram
{
    private const int TextChars = 90;

    /// <summary>Mermaid's default maxTextSize: a longer diagram is refused unless the renderer's config raises it.</summary>
    public const int MermaidMaxTextSize = 50_000;

    public static void Write(RaceModel model, TextWriter output)
    {
        using var body = new StringWriter { NewLine = "\n" };
        WriteBody(model, body);
        var text = body.ToString();
        output.Write("sequenceDiagram\n");
        if (text.Length + 16 > MermaidMaxTextSize)
        {
            output.Write("    %% " + N(text.Length + 16) + " characters: more than Mermaid's default maxTextSize of "
                + N(MermaidMaxTextSize) + "; render with a config that raises it, e.g. mmdc -c with {\"maxTextSize\": "
                + N((text.Length * 2) + 16) + "}\n");
        }

        output.Write(text);
    }

    private static void WriteBody(RaceModel model, TextWriter w)
    {
        var s = model.Summary;
        w.Write("    %% ModActors race diagram: " + Comment(s.Scenario) + ", strategy " + Comment(s.Strategy) + ", seed "
            + N(s.Seed) + ", " + N(model.Steps.Count) + " steps, " + (s.Passed ? "PASS" : "FAIL") + "\n");
        w.Write("    %% [n] is the trace step; activation bars are waits; notes carry what the kernel model noted\n");
        if (model.Lanes.Count == 0)
        {
            w.Write("    participant P0 as " + Text("(no steps recorded)") + "\n");
            return;
        }

        foreach (var lane in model.Lanes)
            w.Write("    participant " + Id(lane) + " as " + Text(lane.Name) + "\n");
        w.Write("    Note over " + Across(model) + ": " + Text(Verdict(s)) + "\n");

        var starts = model.Waits.Where(b => model.LaneOf(b.Task) is not null).ToLookup(b => b.FromStep);
        var ends = model.Waits.Where(b => !b.Open && model.LaneOf(b.Task) is not null).ToLookup(b => b.ToStep);
        TimeSpan? time = null;
        foreach (var step in model.Steps)
        {
            if (step.Time != time)
            {
                time = step.Time;
                w.Write("    Note over " + Across(model) + ": " + Text("t=" + HtmlRaceDiagram.Time(step.Time)) + "\n");
            }

            var failing = model.IsFailing(step);
            if (failing)
                w.Write("    rect rgb(255, 214, 214)\n");
            Step(model, step, failing, w);
            if (failing)
                w.Write("    end\n");
            foreach (var bar in ends[step.Step])
                w.Write("    deactivate " + Id(model.LaneOf(bar.Task)!) + "\n");
            foreach (var bar in starts[step.Step])
                w.Write("    activate " + Id(model.LaneOf(bar.Task)!) + "\n");
        }

        foreach (var bar in model.Waits.Where(b => b.Open && model.LaneOf(b.Task) is not null))
        {
            var lane = Id(model.LaneOf(bar.Task)!);
            w.Write("    Note over " + lane + ": " + Text(bar.Label) + "\n");
            w.Write("    deactivate " + lane + "\n");
        }
    }

    private static void Step(RaceModel model, TraceStep step, bool failing, TextWriter w)
    {
        var to = Id(model.LaneOf(step.To)!);
        var label = "[" + N(step.Step) + "] " + Clip(step.Message);
        if (failing)
            label = "FAILING STEP " + label;
        if (model.LaneOf(step.From) is { } from)
        {
            var arrow = step.Message.StartsWith("resume ", StringComparison.Ordinal) ? "-->>" : "->>";
            w.Write("    " + Id(from) + arrow + to + ": " + Text(label) + "\n");
        }
        else
        {
            var who = step.From == DiagramLanes.Timer ? "timer: " : "start: ";
            w.Write("    Note over " + to + ": " + Text(who + label) + "\n");
        }

        foreach (var c in model.Summary.Calls.Where(c => c.EndStep == step.Step && model.LaneOf(c.Task) is not null))
        {
            w.Write("    Note over " + Id(model.LaneOf(c.Task)!) + ": "
                + Text(c.Op + " " + c.Target + " returned " + HtmlRaceDiagram.CallText(c)) + "\n");
        }

        foreach (var a in step.Annotations)
        {
            var kind = StepMarks.Classify(a);
            if (kind == NoteKind.Point)
                continue;
            w.Write("    Note " + (kind == NoteKind.State || kind == NoteKind.Exit ? "over " : "right of ") + to + ": " + Text(Clip(a)) + "\n");
        }

        var points = step.Annotations.Where(a => StepMarks.Classify(a) == NoteKind.Point).ToList();
        if (points.Count > 0)
            w.Write("    Note right of " + to + ": " + Text(Clip(string.Join(", ", points))) + "\n");
    }

    private static string Verdict(RunSummary s) =>
        (s.Passed ? "PASS: " : "FAIL: ") + s.Verdict + (s.FailingStep is { } f ? " (failing step " + N(f) + ")" : "");

    private static string Across(RaceModel model) =>
        model.Lanes.Count == 1 ? Id(model.Lanes[0]) : Id(model.Lanes[0]) + "," + Id(model.Lanes[^1]);

    private static string Id(Lane lane) => "P" + N(lane.Index);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string text) => SvgRaceBody.Clip(text, TextChars);

    private static string Comment(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Text safe after "participant X as" or after a message's or note's colon.</summary>
    internal static string Text(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '#' or ';' or '<' or '%' or '&':
                    sb.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
                    break;
                case '\r' or '\n' or '\t':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        var trimmed = sb.ToString().Trim();
        return trimmed.Length == 0 ? "-" : trimmed;
    }
}
