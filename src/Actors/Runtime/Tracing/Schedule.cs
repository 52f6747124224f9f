// A schedule: the strategy, its seed and depth, and the index chosen at every point where more
// than one step was enabled. It is the bug report of a race (Coyote style): saved to a file,
// ReplayStrategy follows it and reproduces the run step for step.
using System.Text;
using System.Text.Json;

namespace ModActors.Runtime;

/// <summary>The choices a run made; replayable with <see cref="ReplayStrategy"/>.</summary>
public sealed class Schedule
{
    /// <summary>Creates a schedule.</summary>
    public Schedule(string strategy, long seed, int depth, IReadOnlyList<int> choices)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(choices);
        Strategy = strategy;
        Seed = seed;
        Depth = depth;
        Choices = choices;
    }

    /// <summary>The name of the strategy that made the choices (fifo, random, pct, dfs, replay).</summary>
    public string Strategy { get; }

    /// <summary>The strategy's seed (0 for fifo and dfs).</summary>
    public long Seed { get; }

    /// <summary>The pct depth (0 for the other strategies).</summary>
    public int Depth { get; }

    /// <summary>The candidate index chosen at each point with more than one enabled step.</summary>
    public IReadOnlyList<int> Choices { get; }

    /// <summary>The schedule as JSON: <c>{"strategy":..,"seed":..,"depth":..,"choices":[..]}</c>.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("strategy", Strategy);
            w.WriteNumber("seed", Seed);
            w.WriteNumber("depth", Depth);
            w.WriteStartArray("choices");
            foreach (var c in Choices)
            {
                w.WriteNumberValue(c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses <see cref="ToJson"/> output; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static Schedule FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var strategy = Required(root, "strategy").GetString()
                ?? throw new FormatException("schedule: \"strategy\" must be a string");
            var choices = new List<int>();
            foreach (var c in Required(root, "choices").EnumerateArray())
            {
                var choice = c.GetInt32();
                if (choice < 0)
                {
                    throw new FormatException($"schedule: negative choice {choice}");
                }

                choices.Add(choice);
            }

            return new Schedule(strategy, Required(root, "seed").GetInt64(), Required(root, "depth").GetInt32(), choices);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException("schedule: not a valid schedule JSON document: " + e.Message, e);
        }
    }

    /// <summary>Writes the schedule to <paramref name="path"/> as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson() + "\n");

    /// <summary>Reads a schedule written by <see cref="Save"/>.</summary>
    public static Schedule Load(string path) => FromJson(File.ReadAllText(path));

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw new FormatException($"schedule: missing \"{name}\"");
}
