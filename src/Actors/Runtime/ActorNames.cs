// Actor names as users write them (a scenario's task names may hold any printable character) and as
// Akka accepts them (letters, digits and -_.*$+:@&=,!~';() plus %XX escapes, not starting with $).
// Simulation.ActorOf escapes the rest as %XX; traces and reports show the name unescaped.
using System.Globalization;
using System.Text;

namespace ModActors.Runtime;

internal static class ActorNames
{
    private const string Allowed = "-_.*+:@&=,!~';()";

    public static string Escape(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        StringBuilder? escaped = null;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetterOrDigit(c) || Allowed.Contains(c, StringComparison.Ordinal) || (c == '$' && i > 0);
            if (ok && escaped == null)
            {
                continue;
            }

            if (escaped == null)
            {
                escaped = new StringBuilder(name.Length + 8).Append(name, 0, i);
            }

            if (ok)
            {
                escaped.Append(c);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }

        return escaped?.ToString() ?? name;
    }

    public static string Unescape(string element) =>
        element.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(element) : element;
}
