// The counters of kernel/module/stats.c a scenario can expect, by their C names.
using ModActors.Kernel;

namespace ModActors.Scenarios;

internal static class StatCounters
{
    private static readonly (string Name, Func<ModuleStats, long> Get)[] Table =
    [
        ("modcount", s => s.modcount),
        ("failed_kreads", s => s.failed_kreads),
        ("failed_decompress", s => s.failed_decompress),
        ("failed_becoming", s => s.failed_becoming),
        ("failed_load_modules", s => s.failed_load_modules),
        ("total_mod_size", s => s.total_mod_size),
        ("total_text_size", s => s.total_text_size),
        ("invalid_kread_bytes", s => s.invalid_kread_bytes),
        ("invalid_decompress_bytes", s => s.invalid_decompress_bytes),
        ("invalid_becoming_bytes", s => s.invalid_becoming_bytes),
        ("invalid_mod_bytes", s => s.invalid_mod_bytes),
        ("dup_failed_modules", s => s.dup_failed_modules.Count),
        ("dup_failed_loads", s => s.dup_failed_modules.Sum(d => d.Count)),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    public static long Read(ModuleStats stats, string name) => Array.Find(Table, t => t.Name == name).Get(stats);
}
