using System.Text.RegularExpressions;
using ModActors.Scenarios.Diagram;
using Xunit;

namespace ModActors.Scenarios.Tests.Diagram;

public class MermaidRaceDiagramTests
{
    // Text after a colon or "as": Mermaid's lexer ends it at '#' or ';', so those only appear in entity codes.
    private const string Text = @"(?:[^#;<\n]|#\d+;)+";

    private static readonly Regex Participant = new($"^    participant (P\\d+) as ({Text})$");
    private static readonly Regex Message = new($"^    (P\\d+)(->>|-->>)(P\\d+): ({Text})$");
    private static readonly Regex Note = new($"^    Note (?:over (P\\d+)(?:,(P\\d+))?|right of (P\\d+)): ({Text})$");
    private static readonly Regex Activation = new(@"^    (activate|deactivate) (P\d+)$");
    private static readonly Regex RectStart = new(@"^    rect rgb\(\d+, \d+, \d+\)$");

    internal static string Mermaid(RaceRun run)
    {
        using var w = new StringWriter();
        RaceDiagram.WriteMermaid(run.Trace, run.Summary, w);
        return w.ToString();
    }

    /// <summary>Checks every line against the statements the writer may emit and returns the participants' names.</summary>
    private static List<string> CheckStructure(string mmd)
    {
        var lines = mmd.Split('\n');
        Assert.Equal("sequenceDiagram", lines[0]);
        Assert.Equal("", lines[^1]);
        var participants = new List<string>();
        var ids = new HashSet<string>();
        var active = new Dictionary<string, int>();
        var rects = 0;
        void Known(string id) => Assert.True(ids.Contains(id), $"{id} is used before it is declared");

        foreach (var line in lines[1..^1])
        {
            if (line.StartsWith("    %% ", StringComparison.Ordinal))
                continue;
            Match m;
            if ((m = Participant.Match(line)).Success)
            {
                Assert.True(ids.Add(m.Groups[1].Value), "participant declared twice: " + line);
                Assert.Equal("P" + participants.Count, m.Groups[1].Value);
                participants.Add(m.Groups[2].Value);
            }
            else if ((m = Message.Match(line)).Success)
            {
                Known(m.Groups[1].Value);
                Known(m.Groups[3].Value);
            }
            else if ((m = Note.Match(line)).Success)
            {
                foreach (var g in new[] { m.Groups[1], m.Groups[2], m.Groups[3] }.Where(g => g.Success))
                    Known(g.Value);
            }
            else if ((m = Activation.Match(line)).Success)
            {
                var id = m.Groups[2].Value;
                Known(id);
                var level = active.GetValueOrDefault(id) + (m.Groups[1].Value == "activate" ? 1 : -1);
                Assert.True(level >= 0, $"{id} deactivated while inactive");
                active[id] = level;
            }
            else if (RectStart.IsMatch(line))
            {
                rects++;
            }
            else if (line == "    end")
            {
                Assert.True(--rects >= 0, "end without rect");
            }
            else
            {
                Assert.Fail("not a statement the race diagram writes: " + line);
            }
        }

        Assert.Equal(0, rects);
        Assert.All(active.Values, level => Assert.Equal(0, level));
        return participants;
    }

    [Fact]
    public void The_diagram_is_a_sequence_diagram_of_well_formed_statements()
    {
        var participants = CheckStructure(Mermaid(RaceRuns.LoadUnloadRace()));

        Assert.Equal(
            ["a", "b", "late", "rm", "module_mutex", "idem_hash", "module_wq", "module-slow-1", "module-slow-2", "symbols", "kernel_points"],
            participants);
    }

    [Fact]
    public void Each_message_is_an_arrow_with_its_step_number()
    {
        var mmd = Mermaid(RaceRuns.SlowLoaders());

        Assert.Contains("    P2->>P3: [6] MutexLock { Task = c }\n", mmd, StringComparison.Ordinal);
        Assert.Contains("    P3-->>P2: [10] resume MutexLocked { }\n", mmd, StringComparison.Ordinal);
        Assert.Contains("    Note over P0: start: [1] RunProgram", mmd, StringComparison.Ordinal);
        Assert.Contains("    Note over P2: timer: [63] resume sleep 1000ms\n", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_step_number_appears_once_as_an_arrow_a_note_or_a_folded_range()
    {
        var run = RaceRuns.SlowLoaders();
        var mmd = Mermaid(run);

        var shown = new List<long>();
        foreach (Match m in Regex.Matches(mmd, @": (?:start: |timer: )?\[(\d+)(?:-(\d+))?\]"))
        {
            var first = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var last = m.Groups[2].Success ? long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : first;
            for (var s = first; s <= last; s++)
                shown.Add(s);
        }

        Assert.Equal(run.Trace.Steps.Select(s => s.Step), shown);
    }

    [Fact]
    public void State_changes_results_and_waits_are_notes_and_activations()
    {
        var mmd = Mermaid(RaceRuns.SlowLoaders());

        Assert.Contains("    Note over P6: slow UNFORMED -> COMING\n", mmd, StringComparison.Ordinal);
        Assert.Contains("    Note over P6: slow COMING -> LIVE\n", mmd, StringComparison.Ordinal);
        Assert.Contains("    Note over P1: finit_module /m/slow.ko returned -17 EEXIST\n", mmd, StringComparison.Ordinal);
        Assert.Contains("    Note right of P3: a waits for module_mutex held by c\n", mmd, StringComparison.Ordinal);
        Assert.Contains("    activate P1\n", mmd, StringComparison.Ordinal);
        Assert.Contains("    Note over P0,P8: t=1000ms\n", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void The_failing_step_sits_in_a_red_rect()
    {
        var mmd = Mermaid(RaceRuns.FailingAt(RaceRuns.SlowLoaders(), 85));

        CheckStructure(mmd);
        Assert.Contains(
            "    rect rgb(255, 214, 214)\n    P4-->>P1: FAILING STEP [85] resume IdempotentResult { Ret = -17 }\n",
            mmd,
            StringComparison.Ordinal);
        Assert.Contains("Note over P0,P8: FAIL: b: expected 0, got -17 EEXIST (failing step 85)", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_mean_something_to_mermaid_are_written_as_entity_codes()
    {
        var mmd = Mermaid(RaceRuns.OddNames());

        var participants = CheckStructure(mmd);
        Assert.Equal("x#60;b>#38;\"#35;#59;#37;y", participants[1]);
        Assert.Contains("%% ModActors race diagram: <script>alert(1)</script> & co,", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_still_blocked_at_the_end_has_its_activation_closed_with_a_note()
    {
        var mmd = Mermaid(RaceRuns.NeverResumed());

        CheckStructure(mmd);
        Assert.Contains(
            "    Note over P1: waits for AwaitPoint { Task = nobody, Point = do_init_module } (never resumed)\n    deactivate P1\n",
            mmd,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_race_run_twice_gives_the_same_bytes()
    {
        Assert.Equal(Mermaid(RaceRuns.LoadUnloadRace()), Mermaid(RaceRuns.LoadUnloadRace()));
    }

    [Fact]
    public void A_diagram_longer_than_mermaids_default_text_limit_says_how_to_render_it()
    {
        var mmd = Mermaid(RaceRuns.LoadUnloadCycles(40));

        CheckStructure(mmd);
        Assert.True(mmd.Length > MermaidRaceDiagram.MermaidMaxTextSize, $"only {mmd.Length} characters");
        Assert.Matches("^sequenceDiagram\n    %% \\d+ characters: more than Mermaid's default maxTextSize of 50000;", mmd);
        Assert.DoesNotContain("maxTextSize", Mermaid(RaceRuns.LoadUnloadRace()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_a_trace_is_still_a_valid_diagram()
    {
        CheckStructure(Mermaid(RaceRuns.Untraced()));
    }
}
