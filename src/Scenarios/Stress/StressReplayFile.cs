// The replay file of a stress seed that ended in a violation: the stress options and the seed (which
// rebuild the workload exactly), the schedule the run took (Schedule.ToJson) and the violation it ended
// with. `modactors stress --replay FILE` re-runs that simulation under ReplayStrategy and checks that the
// same violation comes back at the same step.
using System.Text;
using System.Text.Json;
using ModActors.Kernel;
using ModActors.Runtime;

namespace ModActors.Scenarios.Stress;

/// <summary>Everything needed to reproduce one stress seed's run.</summary>
/// <param name="Options">The stress options (Seeds and FirstSeed are not used).</param>
/// <param name="Seed">The seed.</param>
/// <param name="Schedule">The recorded schedule.</param>
/// <param name="Violation">The violation the run ended with.</param>
/// <param name="Step">The step count when it ended.</param>
public sealed record StressReplayFile(StressOptions Options, long Seed, Schedule Schedule, string Violation, long Step)
{
    /// <summary>The replay file of a violating seed.</summary>
    public static StressReplayFile Of(StressOptions options, StressSeedResult result)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Violation is null || result.Schedule is null)
            throw new ArgumentException($"seed {result.Seed} had no violation", nameof(result));
        return new StressReplayFile(options with { FirstSeed = result.Seed, Seeds = 1 }, result.Seed, result.Schedule,
            result.Violation, result.Steps);
    }

    /// <summary>The file's JSON text.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", "modactors-stress-replay");
            w.WriteStartObject("options");
            WriteOptions(w, Options);
            w.WriteEndObject();
            w.WriteNumber("seed", Seed);
            w.WriteString("violation", Violation);
            w.WriteNumber("step", Step);
            w.WritePropertyName("schedule");
            w.WriteRawValue(Schedule.ToJson());
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the file.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Reads a file written by <see cref="Save"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static StressReplayFile Load(string path)
    {
        string text;
        try
        {
            if (!ModActors.Elf.RegularFile.TryReadAllText(path, 256L * 1024 * 1024, out text, out var problem))
                throw new FormatException($"{path}: cannot read: the file {problem}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path}: cannot read: {e.Message}", e);
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != "modactors-stress-replay")
                throw new FormatException($"{path}: not a stress replay file (expected \"kind\": \"modactors-stress-replay\")");
            var options = ReadOptions(path, Required(path, root, "options"));
            var seed = Required(path, root, "seed").GetInt64();
            return new StressReplayFile(options with { FirstSeed = seed, Seeds = 1 }, seed,
                Schedule.FromJson(Required(path, root, "schedule").GetRawText()),
                Required(path, root, "violation").GetString() ?? "", Required(path, root, "step").GetInt64());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"{path}: not a valid stress replay file: {e.Message}", e);
        }
    }

    internal static void WriteOptions(Utf8JsonWriter w, StressOptions o)
    {
        w.WriteNumber("modules", o.Modules);
        w.WriteNumber("tasks", o.Tasks);
        w.WriteNumber("ops", o.Ops);
        w.WriteString("mix", o.Mix.ToString());
        w.WriteNumber("seeds", o.Seeds);
        w.WriteNumber("first_seed", o.FirstSeed);
        w.WriteString("profile", o.ProfileName);
        w.WriteString("strategy", o.Strategy);
        w.WriteNumber("depth", o.Depth);
        w.WriteNumber("failing_inits", o.FailingInits);
        w.WriteString("plant_bug", o.Plant.ToString().ToLowerInvariant());
    }

    private static StressOptions ReadOptions(string path, JsonElement e) => new()
    {
        Modules = Required(path, e, "modules").GetInt32(),
        Tasks = Required(path, e, "tasks").GetInt32(),
        Ops = Required(path, e, "ops").GetInt32(),
        Mix = StressMix.Parse(Required(path, e, "mix").GetString() ?? ""),
        Profile = ParseProfile(Required(path, e, "profile").GetString()),
        Strategy = Required(path, e, "strategy").GetString() ?? "",
        Depth = Required(path, e, "depth").GetInt32(),
        FailingInits = Required(path, e, "failing_inits").GetInt32(),
        Plant = ParsePlant(Required(path, e, "plant_bug").GetString()),
    };

    /// <summary>"6.12" or "6.3"; throws <see cref="FormatException"/> otherwise.</summary>
    public static KernelProfile ParseProfile(string? text) => text switch
    {
        "6.12" => KernelProfile.Linux612,
        "6.3" => KernelProfile.Linux63,
        _ => throw new FormatException($"profile must be 6.12 or 6.3, not '{text}'"),
    };

    /// <summary>"none" or "refcount"; throws <see cref="FormatException"/> otherwise.</summary>
    public static PlantedBug ParsePlant(string? text) => text switch
    {
        "none" => PlantedBug.None,
        "refcount" => PlantedBug.Refcount,
        _ => throw new FormatException($"planted bug must be none or refcount, not '{text}'"),
    };

    private static JsonElement Required(string path, JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new FormatException($"{path}: missing \"{name}\"");
}
