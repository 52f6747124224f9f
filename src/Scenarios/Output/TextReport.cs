// The plain-text report of runs and explorations: each call's result with its virtual start and end,
// the final /proc/modules, the failed expectations, and the outcome table (distinct outcomes, how often
// each occurred, one seed each).
using System.Globalization;
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal static class TextReport
{
    public static IEnumerable<string> Run(Scenario sc, RunReport r, string how)
    {
        yield return $"scenario: {sc.Name} ({sc.SourcePath}), {how}";
        yield return "calls (virtual ms):";
        var width = r.Calls.Count == 0 ? 0 : r.Calls.Max(c => c.Task.Length);
        foreach (var c in r.Calls)
            yield return "  " + Call(c, width);
        yield return "/proc/modules:";
        var lines = r.Final.ProcModules.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
            yield return "  (empty)";
        foreach (var line in lines)
            yield return "  " + line;
        yield return "kernel taint: " + (r.Final.KernelTaint.Length == 0 ? "none" : r.Final.KernelTaint);
        var result = r.Result;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"run: {result.Outcome.ToString().ToLowerInvariant()} after {result.Steps} steps at t={Ms(result.VirtualTime)} ms, trace {TraceHash(r)}");
        if (result.Outcome != RunOutcome.Quiescent)
        {
            foreach (var line in result.ToString().Split('\n').Skip(1))
                yield return "  " + line;
        }
        foreach (var f in r.Failures)
            yield return "FAILED " + f;
    }

    public static string TraceHash(RunReport r) => r.Result.Trace.Steps.Count == 0 ? "(not recorded)" : r.Result.Trace.Hash()[..16];

    public static string Call(CallRecord c, int taskWidth)
    {
        var time = string.Create(CultureInfo.InvariantCulture, $"{Ms(c.Start),9}-{Ms(c.End),-9}");
        var call = $"{c.Call.Op} {c.Call.Target}";
        if (c.Call.Args.Length > 0)
            call += " " + c.Call.Args;
        var result = c.Text is null ? ResultText.Of(c.Rc) : Quote.Of(c.Text);
        var check = c.Call.Expect is null ? "" : c.Call.Expect.Holds(c.Rc, c.Text) ? "  ok" : $"  FAILED (expected {c.Call.Expect.Describe()})";
        return $"{time} {c.Task.PadRight(taskWidth)}  {call} = {result}{check}";
    }

    private static string Ms(TimeSpan t) => (t.Ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString("0.###", CultureInfo.InvariantCulture);

    public static IEnumerable<string> Explore(Scenario sc, ExploreResult x)
    {
        var report = x.Report;
        var s = x.Settings;
        var what = s.Strategy switch
        {
            "pct" => $"pct depth {s.Depth} (k={report.PctSteps}), {report.Runs.Count} runs",
            "random" => $"random, {report.Runs.Count} runs",
            _ => $"dfs, {report.Runs.Count} schedules ({(report.Exhausted == true ? "space exhausted" : "budget reached")})",
        };
        if (s.Strategy != "dfs" && report.Runs.Count > 0)
            what += $", seeds {report.Runs[0].Seed}..{report.Runs[^1].Seed}";
        if (s.Shard.Count > 1)
            what += $", shard {s.Shard.Index}/{s.Shard.Count}";
        yield return $"scenario: {sc.Name} ({sc.SourcePath})";
        yield return string.Create(CultureInfo.InvariantCulture, $"explored {what}: {report.Outcomes.Count} distinct outcomes, {report.Failed} failed runs");
        var seedWord = s.Strategy == "dfs" ? "schedule" : "seed";
        yield return string.Create(CultureInfo.InvariantCulture, $"  {"runs",6}  {seedWord,8}  verdict  outcome");
        foreach (var o in report.Outcomes)
        {
            var seed = s.Strategy == "dfs" ? o.First.Index : o.First.Seed;
            yield return string.Create(CultureInfo.InvariantCulture, $"  {o.Count,6}  {seed,8}  {(o.Passed ? "pass" : "FAIL"),-7}  {o.Key}");
        }
        if (x.FirstFailure is { } f && report.FirstFailure is { } first)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"first failing run: {seedWord} {(s.Strategy == "dfs" ? first.Index : first.Seed)}");
            foreach (var line in f.Failures)
                yield return "FAILED " + line;
        }
    }
}
