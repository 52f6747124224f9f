// Reads the notes the kernel model attaches to trace steps: a module's state change (module->state in
// load_module, do_init_module, delete_module: "slow COMING -> LIVE"), a task's exit with its return value
// ("a exited -17"), contention (mutex_lock on module_mutex, idempotent() finding the inode busy), a
// wake_up_all on module_wq, a task reaching a kernel function ("a at add_unformed_module"). The diagrams
// colour notes by kind and put state changes and results on the lanes as marks.
using System.Globalization;
using System.Text.RegularExpressions;
using ModActors.Kernel;
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

internal enum NoteKind
{
    Other,
    State,
    Exit,
    Wait,
    Wake,
    Point,
}

/// <summary>A mark on one lane at one step: a module's new state or a task's result.</summary>
internal sealed record StepMark(string Lane, string Text, string Style);

internal static partial class StepMarks
{
    [GeneratedRegex(@"^(\S+) (UNFORMED|COMING|LIVE|GOING) -> (UNFORMED|COMING|LIVE|GOING)$")]
    private static partial Regex StateChange();

    [GeneratedRegex(@"^(\S+) exited (-?\d+)$")]
    private static partial Regex Exited();

    [GeneratedRegex(@"^\S+ at \S+$")]
    private static partial Regex AtPoint();

    public static NoteKind Classify(string note)
    {
        if (StateChange().IsMatch(note))
            return NoteKind.State;
        if (Exited().IsMatch(note))
            return NoteKind.Exit;
        if (note.Contains(" waits", StringComparison.Ordinal) || note.Contains(" busy", StringComparison.Ordinal))
            return NoteKind.Wait;
        if (note.StartsWith("wake_up_all", StringComparison.Ordinal))
            return NoteKind.Wake;
        return AtPoint().IsMatch(note) ? NoteKind.Point : NoteKind.Other;
    }

    /// <summary>The exit code in "a exited -17", if <paramref name="note"/> is one for <paramref name="task"/>.</summary>
    public static int? ExitCode(string note, string task)
    {
        var m = Exited().Match(note);
        return m.Success && m.Groups[1].Value == task
            && int.TryParse(m.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rc)
            ? rc
            : null;
    }

    /// <summary>"exit 0", or the negative errno with its name: "-17 EEXIST".</summary>
    public static string Result(int rc) =>
        rc < 0
            ? rc.ToString(CultureInfo.InvariantCulture) + " " + Errno.Name(rc)
            : "exit " + rc.ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<StepMark> Marks(TraceStep step, Func<string, bool> isLane)
    {
        foreach (var note in step.Annotations)
        {
            var state = StateChange().Match(note);
            if (state.Success)
            {
                var to = state.Groups[3].Value;
                yield return new StepMark(step.To, to, "st-" + to.ToLowerInvariant());
                continue;
            }

            var exit = Exited().Match(note);
            if (exit.Success
                && int.TryParse(exit.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rc))
            {
                var task = exit.Groups[1].Value;
                yield return new StepMark(isLane(task) ? task : step.To, Result(rc), rc < 0 ? "rc-bad" : "rc-ok");
            }
        }
    }
}
