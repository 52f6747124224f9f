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

    /// <summary>The Mermaid id of the lane named <paramref name="name"/>: P and its index.</summary>
    private static string Id(RaceRun run, string name) =>
        "P" + (RaceModel.Build(run.Trace, run.Summary).LaneOf(name) ?? throw new Xunit.Sdk.XunitException("no lane " + name)).Index;

    /// <summary>"P0,Pn": from the first lane to the last.</summary>
    private static string Across(RaceRun run) => "P0,P" + (RaceModel.Build(run.Trace, run.Summary).Lanes.Count - 1);

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
            ["a", "b", "late", "rm", "module_mutex", "idem_hash", "module_wq", "module-slow", "module-slow-2", "kernel_points"],
            participants);
    }

    [Fact]
    public void Each_message_is_an_arrow_with_its_step_number()
    {
        var run = RaceRuns.SlowLoaders();
        var mmd = Mermaid(run);
        var steps = run.Trace.Steps;
        var waitByA = steps.First(s => s.From == "a" && s.To == "module_wq" && s.Message.StartsWith("ScheduleWait ", StringComparison.Ordinal));
        var wokenA = steps.First(s => s.Step > waitByA.Step && s.To == "a");
        var startA = steps.Single(s => s.To == "a" && s.Message.StartsWith("RunProgram", StringComparison.Ordinal));
        var timerC = steps.Single(s => s.From == "timer" && s.To == "c");
        var (a, wq) = (Id(run, "a"), Id(run, "module_wq"));

        Assert.StartsWith("resume WaitWoken", wokenA.Message, StringComparison.Ordinal);
        Assert.Equal("resume sleep 1000ms", timerC.Message);
        Assert.Contains($"    {a}->>{wq}: [{waitByA.Step}] {waitByA.Message}\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    {wq}-->>{a}: [{wokenA.Step}] {wokenA.Message}\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    Note over {a}: start: [{startA.Step}] RunProgram", mmd, StringComparison.Ordinal);
        Assert.Contains($"    Note over {Id(run, "c")}: timer: [{timerC.Step}] resume sleep 1000ms\n", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contended_mutex_lock_is_a_note_on_the_waiter_and_its_hand_over_an_arrow_from_module_mutex()
    {
        var run = RaceRuns.MutexContention();
        var mmd = Mermaid(run);
        var (_, waiter, _, granted) = RaceRuns.FirstMutexWait(run);
        var (w, mutex) = (Id(run, waiter), Id(run, "module_mutex"));

        Assert.Equal(("module_mutex", "resume MutexLocked { }"), (granted.From, granted.Message));
        Assert.Matches($"    Note right of {w}: [^\n]*{waiter} waits for module_mutex held by ", mmd);
        Assert.Contains($"    {mutex}-->>{w}: [{granted.Step}] resume MutexLocked {{ }}\n", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_step_number_appears_once_as_an_arrow_or_a_note()
    {
        var run = RaceRuns.SlowLoaders();
        var mmd = Mermaid(run);

        var shown = Regex.Matches(mmd, @": (?:FAILING STEP |start: |timer: )?\[(\d+)\]")
            .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(run.Trace.Steps.Select(s => s.Step), shown);
    }

    [Fact]
    public void State_changes_results_and_waits_are_notes_and_activations()
    {
        var run = RaceRuns.SlowLoaders();
        var mmd = Mermaid(run);
        var slow = Id(run, "module-slow");

        Assert.Contains($"    Note over {slow}: slow UNFORMED -> COMING\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    Note over {slow}: slow COMING -> LIVE\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    Note over {Id(run, "b")}: finit_module /m/slow.ko returned -17 EEXIST\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    activate {Id(run, "b")}\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    Note over {Across(run)}: t=1000ms\n", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_instance_of_a_module_is_its_own_participant()
    {
        var run = RaceRuns.LoadUnloadRace();
        var mmd = Mermaid(run);

        Assert.Contains($"    Note over {Id(run, "module-slow")}: slow COMING -> LIVE\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    Note over {Id(run, "module-slow-2")}: slow-2 COMING -> LIVE\n", mmd, StringComparison.Ordinal);
        Assert.Contains($"    Note over {Id(run, "rm")}: delete_module slow returned 0\n", mmd, StringComparison.Ordinal);
    }

    [Fact]
    public void The_failing_step_sits_in_a_red_rect()
    {
        var run = RaceRuns.FailingAtExit(RaceRuns.SlowLoaders(), "b");
        var mmd = Mermaid(run);
        var f = run.Summary.FailingStep;

        CheckStructure(mmd);
        Assert.Contains(
            $"    rect rgb(255, 214, 214)\n    {Id(run, "idem_hash")}-->>{Id(run, "b")}: FAILING STEP [{f}] resume IdempotentResult {{ Ret = -17 }}\n",
            mmd,
            StringComparison.Ordinal);
        Assert.Contains($"Note over {Across(run)}: FAIL: b: expected 0, got -17 EEXIST (failing step {f})", mmd, StringComparison.Ordinal);
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
        var run = RaceRuns.NeverResumed();
        var mmd = Mermaid(run);
        var waiter = Id(run, "waiter");

        CheckStructure(mmd);
        Assert.Contains(
            $"    Note over {waiter}: waits for AwaitPoint {{ Task = nobody, Point = do_init_module }} (never resumed)\n    deactivate {waiter}\n",
            mmd,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_race_run_twice_gives_the_same_bytes()
    {
        Assert.Equal(Mermaid(RaceRuns.LoadUnloadRace()), Mermaid(RaceRuns.LoadUnloadRace()));
    }

    [Fact]
    public async Task Races_run_on_parallel_threads_give_the_same_bytes_as_one_run_alone()
    {
        var alone = Mermaid(RaceRuns.LoadUnloadRace());

        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            i % 2 == 0 ? Mermaid(RaceRuns.LoadUnloadRace()) : Mermaid(RaceRuns.SlowLoaders()))));

        Assert.All(parallel.Where((_, i) => i % 2 == 0), page => Assert.Equal(alone, page));
        Assert.Single(parallel.Where((_, i) => i % 2 == 1).Distinct());
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
