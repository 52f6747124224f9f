// The summary of a stress run: operations by call, outcomes by errno name, invariant violations with their
// seeds and replay commands, simulated system calls per second, wall and CPU time, peak memory, the profile,
// and the duplicate-load failures and wasted bytes the kernel's statistics counted (what 6.4+'s
// idempotent finit_module bought over 6.3). As text for people and as JSON for scripts; both list seeds in
// seed order and nothing in them depends on the number of cores except the timings.
using System.Text;
using System.Text.Json;
using ModActors.Kernel;

namespace ModActors.Scenarios.Stress;

/// <summary>What a stress run did and found.</summary>
public sealed class StressSummary
{
    internal StressSummary(StressOptions options, IReadOnlyList<StressSeedResult> seeds, TimeSpan wall, TimeSpan cpu, long peakMemory)
    {
        Options = options;
        Seeds = seeds;
        WallTime = wall;
        CpuTime = cpu;
        PeakMemoryBytes = peakMemory;
    }

    /// <summary>The options of the run.</summary>
    public StressOptions Options { get; }

    /// <summary>Each seed's result, in seed order.</summary>
    public IReadOnlyList<StressSeedResult> Seeds { get; }

    /// <summary>Wall-clock time of the whole run.</summary>
    public TimeSpan WallTime { get; }

    /// <summary>Processor time the process spent during the run (all cores).</summary>
    public TimeSpan CpuTime { get; }

    /// <summary>The process's peak working set.</summary>
    public long PeakMemoryBytes { get; }

    /// <summary>System calls made over all seeds.</summary>
    public long Calls => Seeds.Sum(s => s.Calls);

    /// <summary>Simulation steps over all seeds.</summary>
    public long Steps => Seeds.Sum(s => s.Steps);

    /// <summary>The seeds whose run had a violation, in seed order.</summary>
    public IReadOnlyList<StressSeedResult> Violations => [.. Seeds.Where(s => s.Violation is not null)];

    /// <summary>Simulated system calls per wall-clock second.</summary>
    public double CallsPerSecond => WallTime.TotalSeconds > 0 ? Calls / WallTime.TotalSeconds : 0;

    /// <summary>(call, errno name, count) over all seeds: calls in their order, results 0 first then by errno.</summary>
    public IReadOnlyList<(StressCall Call, string Result, long Count)> Outcomes =>
    [
        .. Seeds.SelectMany(s => s.Counts.All())
            .GroupBy(e => (e.Call, e.Rc))
            .OrderBy(g => g.Key.Call).ThenBy(g => -g.Key.Rc)
            .Select(g => (g.Key.Call, Errno.Name(g.Key.Rc), g.Sum(e => e.Count))),
    ];

    /// <summary>Calls per kind over all seeds.</summary>
    public IReadOnlyList<(StressCall Call, long Count)> CallsByKind =>
        [.. Outcomes.GroupBy(o => o.Call).Select(g => (g.Key, g.Sum(o => o.Count)))];

    /// <summary>The command line that replays the recorded run in replay file <paramref name="file"/>.</summary>
    public static string ReplayCommand(string file) => $"modactors stress --replay {file}";

    /// <summary>The summary as text; <paramref name="replayFiles"/> maps a violating seed to its replay file.</summary>
    public string ToText(IReadOnlyDictionary<long, string>? replayFiles = null)
    {
        var o = Options;
        var sb = new StringBuilder();
        Line(sb, $"stress: {o.Modules} modules, {o.Tasks} tasks, {o.Ops} ops per seed, mix {o.Mix}, profile {o.ProfileName}, " +
            $"{o.Strategy}{(o.Strategy == "pct" ? $" depth {o.Depth}" : "")}, seeds {o.FirstSeed}..{o.FirstSeed + o.Seeds - 1}" +
            (o.Plant == PlantedBug.None ? "" : $", planted bug {o.Plant.ToString().ToLowerInvariant()}"));
        Line(sb, "");
        Line(sb, "calls:");
        foreach (var (call, count) in CallsByKind)
            Line(sb, $"  {call,-16} {count,10}");
        Line(sb, $"  {"total",-16} {Calls,10}");
        Line(sb, "");
        Line(sb, "outcomes:");
        foreach (var (call, result, count) in Outcomes)
            Line(sb, $"  {call,-16} {result,-12} {count,10}");
        Line(sb, "");
        Line(sb, $"duplicate loads (dup_failed_modules): {Seeds.Sum(s => s.DuplicateLoadFailures)}");
        Line(sb, $"wasted bytes (invalid_*_bytes):       {Seeds.Sum(s => s.WastedBytes)}");
        Line(sb, "");
        var violations = Violations;
        Line(sb, $"invariant violations: {violations.Count} of {Seeds.Count} seeds");
        foreach (var v in violations)
        {
            Line(sb, $"  seed {v.Seed} ({v.Outcome}, step {v.Steps}): {FirstLine(v.Violation!)}");
            if (replayFiles is not null && replayFiles.TryGetValue(v.Seed, out var file))
                Line(sb, $"    replay: {ReplayCommand(file)}");
        }
        Line(sb, "");
        Line(sb, $"steps: {Steps}, virtual time: {TimeSpan.FromTicks(Seeds.Sum(s => s.VirtualTime.Ticks)).TotalMilliseconds:F0} ms over all seeds");
        Line(sb, $"wall time: {WallTime.TotalSeconds:F2} s, cpu time: {CpuTime.TotalSeconds:F2} s, " +
            $"simulated syscalls/s: {CallsPerSecond:F0}, peak memory: {PeakMemoryBytes / (1024 * 1024)} MiB");
        return sb.ToString();
    }

    /// <summary>
    /// The summary as JSON: options, calls, outcomes ([{call, result, count}]), duplicate_loads, wasted_bytes,
    /// seeds ([{seed, outcome, steps, calls, virtual_ms, violation, replay}]), violations, timings and peak memory.
    /// </summary>
    public string ToJson(IReadOnlyDictionary<long, string>? replayFiles = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var o = Options;
            w.WriteStartObject();
            w.WriteStartObject("options");
            StressReplayFile.WriteOptions(w, o);
            w.WriteEndObject();
            w.WriteNumber("calls", Calls);
            w.WriteStartObject("calls_by_kind");
            foreach (var (call, count) in CallsByKind)
                w.WriteNumber(call.ToString(), count);
            w.WriteEndObject();
            w.WriteStartArray("outcomes");
            foreach (var (call, result, count) in Outcomes)
            {
                w.WriteStartObject();
                w.WriteString("call", call.ToString());
                w.WriteString("result", result);
                w.WriteNumber("count", count);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("duplicate_loads", Seeds.Sum(s => s.DuplicateLoadFailures));
            w.WriteNumber("wasted_bytes", Seeds.Sum(s => s.WastedBytes));
            w.WriteNumber("violations", Violations.Count);
            w.WriteStartArray("seeds");
            foreach (var s in Seeds)
            {
                w.WriteStartObject();
                w.WriteNumber("seed", s.Seed);
                w.WriteString("outcome", s.Outcome.ToString());
                w.WriteNumber("steps", s.Steps);
                w.WriteNumber("calls", s.Calls);
                w.WriteNumber("virtual_ms", (long)s.VirtualTime.TotalMilliseconds);
                w.WriteNumber("modules_left", s.ModulesLeft);
                if (s.Violation is null)
                    w.WriteNull("violation");
                else
                    w.WriteString("violation", s.Violation);
                if (replayFiles is not null && replayFiles.TryGetValue(s.Seed, out var file))
                    w.WriteString("replay", ReplayCommand(file));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("steps", Steps);
            w.WriteNumber("wall_seconds", Math.Round(WallTime.TotalSeconds, 3));
            w.WriteNumber("cpu_seconds", Math.Round(CpuTime.TotalSeconds, 3));
            w.WriteNumber("syscalls_per_second", Math.Round(CallsPerSecond));
            w.WriteNumber("peak_memory_bytes", PeakMemoryBytes);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string FirstLine(string text)
    {
        var nl = text.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? text : text[..nl];
    }

    private static void Line(StringBuilder sb, string text) => sb.Append(text).Append('\n');
}
