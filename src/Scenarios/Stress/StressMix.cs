// The operation mix of a stress workload: relative weights of finit_module (load), init_module (init),
// delete_module (unload) and a try_module_get/module_put pair by a holder (get-put), as the command line
// writes it ("load=60,unload=30,get-put=10").
using System.Globalization;

namespace ModActors.Scenarios.Stress;

/// <summary>Relative weights of the operations a stress workload draws.</summary>
/// <param name="Load">finit_module of a module's file.</param>
/// <param name="Init">init_module of a module's file's bytes.</param>
/// <param name="Unload">delete_module(name, O_NONBLOCK).</param>
/// <param name="GetPut">try_module_get then module_put by the task as holder.</param>
public sealed record StressMix(int Load, int Init, int Unload, int GetPut)
{
    /// <summary>The default: load=60,unload=30,get-put=10.</summary>
    public static StressMix Default { get; } = new(60, 0, 30, 10);

    /// <summary>The sum of the weights.</summary>
    public int Total => Load + Init + Unload + GetPut;

    /// <summary>
    /// Parses "key=weight,..." with keys load, init, unload, get-put (missing keys weigh 0). Throws
    /// <see cref="FormatException"/> naming the bad part.
    /// </summary>
    public static StressMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int load = 0, init = 0, unload = 0, getPut = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new FormatException($"mix: '{part}' is not key=weight (expected e.g. load=60,unload=30,get-put=10)");
            var key = part[..eq].Trim();
            if (!int.TryParse(part[(eq + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
                throw new FormatException($"mix: weight of '{key}' must be a non-negative integer, not '{part[(eq + 1)..]}'");
            if (!seen.Add(key))
                throw new FormatException($"mix: '{key}' is given twice");
            switch (key)
            {
                case "load": load = weight; break;
                case "init": init = weight; break;
                case "unload": unload = weight; break;
                case "get-put": getPut = weight; break;
                default: throw new FormatException($"mix: unknown operation '{key}' (expected load, init, unload or get-put)");
            }
        }
        var mix = new StressMix(load, init, unload, getPut);
        if (mix.Total <= 0)
            throw new FormatException("mix: the weights add up to 0 (expected at least one positive weight)");
        return mix;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"load={Load},init={Init},unload={Unload},get-put={GetPut}");
}
