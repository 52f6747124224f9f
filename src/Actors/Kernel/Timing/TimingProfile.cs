// How long kernel work takes: a named timing profile gives every stage of the module loader's paths
// (kernel_read_file, the load_module stages, do_init_module's tail, synchronize_rcu, free_module,
// delete_module) a range of durations, and msleep an overrun. `instant` is work without time;
// `qemu-tcg` is calibrated from the oracle's measured syscall durations (qemu-tcg.json, each range
// with its source runs). KTask.Work advances the task's virtual time by a duration from the range,
// chosen by the scheduling strategy.
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace ModActors.Kernel;

/// <summary>A range of virtual durations, in milliseconds.</summary>
/// <param name="MinMs">The shortest duration.</param>
/// <param name="MaxMs">The longest duration (at least <paramref name="MinMs"/>).</param>
public readonly record struct StageRange(long MinMs, long MaxMs)
{
    /// <summary>No time at all.</summary>
    public static StageRange Zero { get; } = new(0, 0);

    /// <inheritdoc/>
    public override string ToString() => MinMs == MaxMs
        ? MinMs.ToString(CultureInfo.InvariantCulture) + "ms"
        : string.Create(CultureInfo.InvariantCulture, $"{MinMs}-{MaxMs}ms");
}

/// <summary>A named set of stage durations; see the file header.</summary>
public sealed record TimingProfile
{
    /// <summary>The stages a profile times, in the order the load and unload paths reach them.</summary>
    public static ImmutableArray<string> Stages { get; } =
    [
        "kernel_read_file", "layout_and_allocate", "apply_relocations", "mod_sysfs_setup", "do_init_module",
        "do_init_module_free_init", "synchronize_rcu", "free_module", "free_mod_mem", "delete_module",
    ];

    /// <summary>The profile names <see cref="Named"/> knows.</summary>
    public static ImmutableArray<string> Names { get; } = ["instant", "qemu-tcg"];

    /// <summary>Kernel work takes no virtual time; only sleeps do.</summary>
    public static TimingProfile Instant { get; } = new() { Name = "instant" };

    /// <summary>Debian's 6.12 in qemu TCG as the oracle measured it (qemu-tcg.json).</summary>
    public static TimingProfile QemuTcg { get; } = Load("qemu-tcg.json");

    /// <summary>The profile's name (with "+overrides" when stages were overridden).</summary>
    public string Name { get; init; } = "instant";

    /// <summary>Each stage's range; a stage not listed takes no time.</summary>
    public ImmutableDictionary<string, StageRange> Ranges { get; init; } = ImmutableDictionary<string, StageRange>.Empty;

    /// <summary>How much longer than asked an msleep takes, in percent of the asked time.</summary>
    public StageRange MsleepOverrunPercent { get; init; } = StageRange.Zero;

    /// <summary>Where each range comes from (the oracle runs it was measured in).</summary>
    public ImmutableDictionary<string, string> Sources { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The range of <paramref name="stage"/> (zero when the profile does not time it).</summary>
    public StageRange this[string stage] => Ranges.GetValueOrDefault(stage, StageRange.Zero);

    /// <summary>The profile called <paramref name="name"/>, or null.</summary>
    public static TimingProfile? Named(string name) => name switch
    {
        "instant" => Instant,
        "qemu-tcg" => QemuTcg,
        _ => null,
    };

    /// <summary>This profile with some stages' ranges replaced.</summary>
    public TimingProfile With(IReadOnlyDictionary<string, StageRange> overrides, StageRange? msleepOverrunPercent = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        foreach (var stage in overrides.Keys)
        {
            if (!Stages.Contains(stage))
                throw new ArgumentException($"unknown timing stage '{stage}' (expected one of {string.Join(", ", Stages)})", nameof(overrides));
        }
        if (overrides.Count == 0 && msleepOverrunPercent is null)
            return this;
        return this with
        {
            Name = Name.EndsWith("+overrides", StringComparison.Ordinal) ? Name : Name + "+overrides",
            Ranges = Ranges.SetItems(overrides),
            MsleepOverrunPercent = msleepOverrunPercent ?? MsleepOverrunPercent,
        };
    }

    private static TimingProfile Load(string resource)
    {
        using var stream = typeof(TimingProfile).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded timing profile {resource}");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var ranges = ImmutableDictionary.CreateBuilder<string, StageRange>();
        var sources = ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var stage in root.GetProperty("stages").EnumerateObject())
        {
            ranges[stage.Name] = Range(stage.Value);
            sources[stage.Name] = stage.Value.GetProperty("source").GetString() ?? "";
        }
        var msleep = root.GetProperty("msleep_overrun_percent");
        sources["msleep"] = msleep.GetProperty("source").GetString() ?? "";
        return new TimingProfile
        {
            Name = root.GetProperty("profile").GetString()!,
            Ranges = ranges.ToImmutable(),
            MsleepOverrunPercent = Range(msleep),
            Sources = sources.ToImmutable(),
        };
    }

    private static StageRange Range(JsonElement e) => new(e.GetProperty("min").GetInt64(), e.GetProperty("max").GetInt64());
}
