// The --json report: one object with a stable, documented shape (docs/scenario-reference.md, "JSON
// output"): the scenario, the mode, the run (calls, final state, failures), the outcome table of an
// exploration, the replay file written for a failure, and the verdict.
using System.Text;
using System.Text.Json;

namespace ModActors.Scenarios;

internal static class JsonReport
{
    public const string Schema = "modactors.scenario/1";

    public static string Write(Scenario sc, string mode, RunReport? run, string? runStrategy, ExploreResult? explore, string? replayFile, bool passed)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteStartObject("scenario");
            w.WriteString("name", sc.Name);
            w.WriteString("file", sc.SourcePath);
            w.WriteEndObject();
            w.WriteString("mode", mode);
            if (run is not null)
            {
                w.WritePropertyName("run");
                Run(w, run, runStrategy ?? run.Result.Schedule.Strategy);
            }
            if (explore is not null)
                Explore(w, explore);
            if (replayFile is null)
                w.WriteNull("replay_file");
            else
                w.WriteString("replay_file", replayFile);
            w.WriteString("verdict", passed ? "pass" : "fail");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Run(Utf8JsonWriter w, RunReport r, string strategy)
    {
        var result = r.Result;
        w.WriteStartObject();
        w.WriteString("strategy", strategy);
        w.WriteNumber("seed", result.Schedule.Seed);
        w.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
        w.WriteNumber("steps", result.Steps);
        w.WriteNumber("virtual_time_ms", Ms(result.VirtualTime));
        if (result.Trace.Steps.Count > 0)
            w.WriteString("trace_hash", result.Trace.Hash());
        else
            w.WriteNull("trace_hash");
        w.WriteStartArray("calls");
        foreach (var c in r.Calls)
        {
            w.WriteStartObject();
            w.WriteString("task", c.Task);
            w.WriteString("op", c.Call.Op.ToString());
            w.WriteString("target", c.Call.Target);
            w.WriteString("args", c.Call.Args);
            w.WriteNumber("rc", c.Rc);
            if (ResultText.ErrnoName(c.Rc) is { } name)
                w.WriteString("errno", name);
            else
                w.WriteNull("errno");
            if (c.Text is null)
                w.WriteNull("text");
            else
                w.WriteString("text", c.Text);
            w.WriteNumber("start_ms", Ms(c.Start));
            w.WriteNumber("end_ms", Ms(c.End));
            if (c.Call.Expect is { } e)
            {
                w.WriteString("expected", e.Describe());
                w.WriteBoolean("ok", e.Holds(c.Rc, c.Text));
            }
            else
            {
                w.WriteNull("expected");
                w.WriteNull("ok");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("final");
        w.WriteStartArray("proc_modules");
        foreach (var line in r.Final.ProcModules.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            w.WriteStringValue(line);
        w.WriteEndArray();
        w.WriteString("kernel_taint", r.Final.KernelTaint);
        w.WriteStartObject("references");
        foreach (var (holder, modules) in r.Final.References)
        {
            w.WriteStartArray(holder);
            foreach (var m in modules)
                w.WriteStringValue(m);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("dmesg");
        foreach (var line in r.Final.Dmesg)
            w.WriteStringValue(line);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("failures");
        foreach (var f in r.Failures)
            w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteString("key", r.Key);
        w.WriteString("verdict", r.Passed ? "pass" : "fail");
        w.WriteEndObject();
    }

    private static void Explore(Utf8JsonWriter w, ExploreResult x)
    {
        var s = x.Settings;
        var report = x.Report;
        w.WriteStartObject("explore");
        w.WriteString("strategy", s.Strategy);
        w.WriteNumber("runs", report.Runs.Count);
        w.WriteNumber("first_seed", s.Seed);
        w.WriteNumber("depth", s.Depth);
        w.WriteNumber("pct_steps", report.PctSteps);
        w.WriteString("shard", $"{s.Shard.Index}/{s.Shard.Count}");
        if (report.Exhausted is { } ex)
            w.WriteBoolean("exhausted", ex);
        else
            w.WriteNull("exhausted");
        w.WriteNumber("failed_runs", report.Failed);
        w.WriteStartArray("outcomes");
        foreach (var o in report.Outcomes)
        {
            w.WriteStartObject();
            w.WriteString("key", o.Key);
            w.WriteString("verdict", o.Passed ? "pass" : "fail");
            w.WriteNumber("count", o.Count);
            w.WriteNumber("seed", s.Strategy == "dfs" ? o.First.Index : o.First.Seed);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (x.FirstFailure is { } f && report.FirstFailure is { } first)
        {
            w.WriteStartObject("first_failure");
            w.WriteNumber("seed", s.Strategy == "dfs" ? first.Index : first.Seed);
            w.WritePropertyName("run");
            Run(w, f, s.Strategy);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("first_failure");
        }
        w.WriteEndObject();
    }

    private static decimal Ms(TimeSpan t) => t.Ticks / (decimal)TimeSpan.TicksPerMillisecond;
}
