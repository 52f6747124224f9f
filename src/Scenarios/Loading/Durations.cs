// Durations as scenarios write them: "200ms", "1s", "1.5s", "2m", or a bare number of milliseconds.
using System.Globalization;

namespace ModActors.Scenarios;

internal static class Durations
{
    /// <summary>The longest duration a scenario may write: 1000 days (virtual time is a TimeSpan, which ends at 29,000 years).</summary>
    public const long MaxMilliseconds = 1000L * 86_400_000;

    public static long? TryParseMilliseconds(string text)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1m)
            : text.EndsWith('s') ? (text[..^1], 1000m)
            : text.EndsWith('m') ? (text[..^1], 60_000m)
            : (text, 1m);
        if (!decimal.TryParse(number.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return null;
        var ms = value * scale;
        return ms == decimal.Truncate(ms) && ms <= MaxMilliseconds ? (long)ms : null;
    }

    public static string Format(long ms) =>
        ms % 1000 == 0 && ms > 0 ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s" : ms.ToString(CultureInfo.InvariantCulture) + "ms";
}
