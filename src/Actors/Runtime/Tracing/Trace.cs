// The trace of a run: the steps in order, as text (one line per step), JSON, and a stable hash.
// Two runs of the same program under the same strategy and seed have byte-identical traces.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ModActors.Runtime;

/// <summary>The recorded steps of a run.</summary>
public sealed class Trace
{
    private readonly List<TraceStep> steps = [];

    /// <summary>The steps recorded so far (empty when the simulation does not record a trace).</summary>
    public IReadOnlyList<TraceStep> Steps => steps;

    internal void Add(TraceStep step) => steps.Add(step);

    /// <summary>One line per step.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var s in steps)
        {
            sb.Append(s.ToString()).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The last <paramref name="count"/> steps as text lines.</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        var from = Math.Max(0, steps.Count - count);
        var lines = new List<string>(steps.Count - from);
        for (var i = from; i < steps.Count; i++)
        {
            lines.Add(steps[i].ToString());
        }

        return lines;
    }

    /// <summary>The steps as a JSON array of objects (step, timeMs, from, to, message, annotations).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var s in steps)
            {
                w.WriteStartObject();
                w.WriteNumber("step", s.Step);
                w.WriteNumber("timeMs", s.Time.Ticks / (decimal)TimeSpan.TicksPerMillisecond);
                w.WriteString("from", s.From);
                w.WriteString("to", s.To);
                w.WriteString("message", s.Message);
                w.WriteStartArray("annotations");
                foreach (var a in s.Annotations)
                {
                    w.WriteStringValue(a);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="ToText"/>.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToText())));
}
