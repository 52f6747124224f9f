// How results print: 0, or the kernel's errno name with its minus sign (-EEXIST), as the oracle's
// modctl and the scenario files write them.
using System.Globalization;
using ModActors.Kernel;

namespace ModActors.Scenarios;

internal static class ResultText
{
    public static string Of(int rc) => rc switch
    {
        0 => "0",
        < 0 => "-" + Errno.Name(-rc),
        _ => rc.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The errno name alone, or null for a non-negative result.</summary>
    public static string? ErrnoName(int rc) => rc < 0 ? Errno.Name(-rc) : null;
}

internal static class Quote
{
    public static string Of(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
