// Judges a finished run against the scenario: the runtime's outcome, every call's expectation, the
// kernel's end-of-run invariants and the final expectations (module list, references, taints, log,
// statistics, sysfs files). Messages name the scenario line that stated the expectation.
using System.Globalization;
using ModActors.Kernel;
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal static class RunJudge
{
    public static RunReport Judge(Scenario sc, SimKernel kernel, RunResult result, IReadOnlyList<CallRecord> records)
    {
        var failures = new List<string>();
        var e = sc.Expect;
        if (result.Outcome != e.Outcome)
            failures.Add($"the run ended {Outcome(result.Outcome)}, expected {Outcome(e.Outcome)}: {result}");
        var byStep = ByStep(records);
        foreach (var task in sc.Tasks)
        {
            for (var i = 0; i < task.Steps.Count; i++)
            {
                if (task.Steps[i] is not CallStep { Expect: { } expect } call)
                    continue;
                var rec = byStep.GetValueOrDefault((task.Name, i));
                if (rec is null)
                {
                    if (result.Outcome == RunOutcome.Quiescent && expect is not NeverReturns)
                        failures.Add($"{expect.Mark}: {task.Name}: {call.Op} {call.Target} never returned, expected {expect.Describe()}");
                }
                else if (!expect.Holds(rec.Rc, rec.Text))
                {
                    var got = rec.Text is null ? ResultText.Of(rec.Rc) : Quote.Of(rec.Text);
                    failures.Add($"{expect.Mark}: {rec.Describe()} returned {got}, expected {expect.Describe()}");
                }
            }
        }
        if (result.Outcome == RunOutcome.Quiescent && kernel.CheckAtEnd() is { } broken)
            failures.Add("kernel invariant violated at the end: " + broken);
        FinalChecks.Check(e, kernel, failures);

        var final = new FinalState(
            Procfs.proc_modules(kernel.Modules(), kernel.Config),
            KernelTaintLetters(kernel.Taint.tainted_mask),
            [.. kernel.Holders.Select(h => (h.Key, h.Value))],
            [.. kernel.Log.Lines.Select(l => l.Render())]);
        var taskOrder = sc.Tasks.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var ordered = records.OrderBy(r => r.Start).ThenBy(r => taskOrder[r.Task]).ThenBy(r => r.Step).ToList();
        return new RunReport(result, ordered, final, failures, Key(sc, result, byStep, final));
    }

    /// <summary>Each call's record by task and step, built once (a search per step made judging quadratic in the calls).</summary>
    private static Dictionary<(string Task, int Step), CallRecord> ByStep(IReadOnlyList<CallRecord> records)
    {
        var map = new Dictionary<(string Task, int Step), CallRecord>();
        foreach (var r in records)
            map.TryAdd((r.Task, r.Step), r);
        return map;
    }

    private static string Outcome(RunOutcome o) => o.ToString().ToLowerInvariant();

    public static string KernelTaintLetters(ulong mask)
    {
        var letters = new System.Text.StringBuilder();
        for (var i = 0; i < Taint.TAINT_FLAGS_COUNT; i++)
        {
            if ((mask & (1UL << i)) != 0)
                letters.Append(Taint.taint_flags[i].CTrue);
        }
        return letters.ToString();
    }

    private static string Key(Scenario sc, RunResult result, Dictionary<(string Task, int Step), CallRecord> byStep, FinalState final)
    {
        var parts = new List<string>();
        foreach (var task in sc.Tasks)
        {
            for (var i = 0; i < task.Steps.Count; i++)
            {
                if (task.Steps[i] is not CallStep call)
                    continue;
                var rec = byStep.GetValueOrDefault((task.Name, i));
                var value = rec is null ? "(blocked)" : rec.Text is null ? ResultText.Of(rec.Rc) : Quote.Of(rec.Text.TrimEnd('\n'));
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{task.Name}.{call.Op}={value}"));
            }
        }
        var modules = final.ProcModules.Length == 0 ? "(none)" : string.Join("; ", final.ProcModules.TrimEnd('\n').Split('\n').Select(ShortLine));
        var head = result.Outcome == RunOutcome.Quiescent ? "" : result.Outcome.ToString().ToLowerInvariant() + ": ";
        return $"{head}{string.Join(", ", parts)} | {modules}";
    }

    /// <summary>A /proc/modules line without its address (zeros, or where the schedule's allocation order put it), to keep keys short.</summary>
    private static string ShortLine(string line) =>
        line.Length > 19 && line.IndexOf(" 0x", StringComparison.Ordinal) is var at and >= 0 && at + 19 <= line.Length
            ? line.Remove(at, 19)
            : line;
}
