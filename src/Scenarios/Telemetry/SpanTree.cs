// The text of one trace of kernel spans for `--otel tree`: one line per span (start on virtual time, name, the
// task/target attributes, rc and errno, duration), children indented under their parent in start order, module
// state changes (span events) as sub-lines. Span ids are random in .NET, so they are never printed and never used for
// ordering: siblings that start at the same virtual time keep the order in which they ended (the order the
// simulation produced them).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModActors.Kernel;

namespace ModActors.Scenarios.Telemetry;

internal static class SpanTree
{
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "modactors.system", "modactors.pid", "modactors.rc", "modactors.errno", "modactors.wait",
    };

    /// <summary>
    /// Writes <paramref name="spans"/> (in the order they ended) as trees; a span whose parent is not among them is
    /// written at the top, marked as such.
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<Activity> spans)
    {
        var ids = new HashSet<ActivitySpanId>(spans.Select(s => s.SpanId));
        var children = new Dictionary<ActivitySpanId, List<int>>();
        var tops = new List<int>();
        for (var i = 0; i < spans.Count; i++)
        {
            var parent = spans[i].ParentSpanId;
            if (parent != default && ids.Contains(parent))
            {
                if (!children.TryGetValue(parent, out var list))
                    children.Add(parent, list = []);
                list.Add(i);
            }
            else
            {
                tops.Add(i);
            }
        }

        foreach (var top in InStartOrder(spans, tops))
            WriteSpan(output, spans, children, top, 0);
    }

    private static IEnumerable<int> InStartOrder(IReadOnlyList<Activity> spans, List<int> indexes) =>
        indexes.OrderBy(i => spans[i].StartTimeUtc).ThenBy(i => i);

    private static void WriteSpan(TextWriter output, IReadOnlyList<Activity> spans, Dictionary<ActivitySpanId, List<int>> children,
        int index, int depth)
    {
        var span = spans[index];
        var indent = new string(' ', 2 * depth);
        var orphan = depth == 0 && span.ParentSpanId != default;
        output.WriteLine(indent + Line(span) + (orphan ? " (parent span unfinished)" : ""));
        foreach (var e in span.Events)
            output.WriteLine($"{indent}  * {e.Name} at +{Ms(e.Timestamp.UtcDateTime - KernelTelemetry.Epoch.UtcDateTime)}ms");
        if (children.TryGetValue(span.SpanId, out var list))
        {
            foreach (var child in InStartOrder(spans, list))
                WriteSpan(output, spans, children, child, depth + 1);
        }
    }

    private static string Line(Activity span)
    {
        var line = new StringBuilder();
        line.Append('+').Append(Ms(span.StartTimeUtc - KernelTelemetry.Epoch.UtcDateTime)).Append("ms ").Append(span.OperationName);
        var tags = span.TagObjects.Where(t => !Hidden.Contains(t.Key)).ToList();
        if (tags.Count > 0)
            line.Append(" [").AppendJoin(' ', tags.Select(t => $"{Key(t.Key)}={Value(t.Value)}")).Append(']');
        if (span.GetTagItem("modactors.rc") is { } rc)
        {
            line.Append(" -> rc=").Append(Value(rc));
            if (span.GetTagItem("modactors.errno") is { } errno)
                line.Append(' ').Append(Value(errno));
        }
        line.Append(" (dur ").Append(Ms(span.Duration)).Append("ms)");
        return line.ToString();
    }

    private static string Key(string key) => key.StartsWith("modactors.", StringComparison.Ordinal) ? key["modactors.".Length..] : key;

    private static string Value(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    internal static string Ms(TimeSpan time) => Ms(time.TotalMilliseconds);

    internal static string Ms(double milliseconds) => Math.Round(milliseconds, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
