// Reads YamlDotNet's representation model (every node keeps its line and column) into typed values,
// collecting every error with its position instead of stopping at the first one. The typed
// deserializer is not used because it loses positions and stops at the first unknown key.
using System.Globalization;
using ModActors.Kernel;
using YamlDotNet.RepresentationModel;

namespace ModActors.Scenarios;

internal sealed class YamlReader(string file)
{
    private readonly List<ScenarioError> errors = [];

    public string File { get; } = file;

    public IReadOnlyList<ScenarioError> Errors => errors;

    public SourceMark Mark(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message, string? expected = null) => errors.Add(new ScenarioError(Mark(node), message, expected));

    public void Error(SourceMark mark, string message, string? expected = null) => errors.Add(new ScenarioError(mark, message, expected));

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any };

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode m)
            return m;
        Error(node, $"{what} is {Kind(node)}", "a mapping of key: value");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode s)
            return s;
        Error(node, $"{what} is {Kind(node)}", "a list");
        return null;
    }

    /// <summary>The items of a list, or of a single value written without brackets.</summary>
    public IEnumerable<YamlNode> Items(YamlNode node) => node is YamlSequenceNode s ? s.Children : [node];

    public string? Scalar(YamlNode node, string what, string expected = "a value")
    {
        if (node is YamlScalarNode s && !IsNull(node))
            return s.Value ?? "";
        Error(node, $"{what} is {Kind(node)}", expected);
        return null;
    }

    /// <summary>Key-value pairs of a mapping; keys not in <paramref name="allowed"/> are reported.</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string what, IReadOnlyList<string>? allowed)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key })
            {
                Error(k, $"a key of {what} is {Kind(k)}", "a plain name");
                continue;
            }
            if (allowed is not null && !allowed.Contains(key))
            {
                Error(k, $"unknown key '{key}' in {what}", "one of " + string.Join(", ", allowed));
                continue;
            }
            yield return (key, k, v);
        }
    }

    /// <summary>A file path: a non-empty scalar without NUL characters.</summary>
    public string? Path(YamlNode node, string what, string expected)
    {
        var s = Scalar(node, what, expected);
        if (s is null)
            return null;
        if (s.Length == 0 || s.Contains('\0', StringComparison.Ordinal))
        {
            Error(node, $"{what} '{s.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a usable path (empty or with a NUL character)", expected);
            return null;
        }
        return s;
    }

    public bool? Bool(YamlNode node, string what)
    {
        var s = Scalar(node, what, "true or false");
        switch (s)
        {
            case null:
                return null;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(node, $"{what} is '{s}'", "true or false");
                return null;
        }
    }

    public long? Int(YamlNode node, string what, long min = long.MinValue, long max = long.MaxValue)
    {
        var s = Scalar(node, what, "an integer");
        if (s is null)
            return null;
        if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            Error(node, $"{what} is '{s}'", "an integer");
            return null;
        }
        if (v < min)
        {
            Error(node, $"{what} is {v}", $"at least {min}");
            return null;
        }
        if (v > max)
        {
            Error(node, $"{what} is {v}", $"at most {max}");
            return null;
        }
        return v;
    }

    /// <summary>A duration: "200ms", "1s", "1.5s", "2m", or a number of milliseconds.</summary>
    public long? Duration(YamlNode node, string what)
    {
        var s = Scalar(node, what, "a duration such as 200ms or 1s");
        if (s is null)
            return null;
        var ms = Durations.TryParseMilliseconds(s);
        if (ms is null)
            Error(node, $"{what} is '{s}'", $"a duration such as 200ms, 1s or 30s, at most {Durations.MaxMilliseconds / 86_400_000} days");
        return ms;
    }

    /// <summary>A call result: 0, a number, or an errno name with its minus sign (-EEXIST).</summary>
    public int? Result(YamlNode node, string what)
    {
        var s = Scalar(node, what, "0 or -ERRNO");
        if (s is null)
            return null;
        if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n > int.MinValue)
            return n;
        if (s.StartsWith("-E", StringComparison.Ordinal) && Errno.TryParse(s, out var errno) && !char.IsDigit(s[2]))
            return -errno;
        Error(node, $"{what} '{s}' is not a result", "0, a number, or a negative errno name such as -EEXIST");
        return null;
    }

    /// <summary>A positive errno by name (EPERM or -EPERM).</summary>
    public int? ErrnoValue(YamlNode node, string what)
    {
        var s = Scalar(node, what, "an errno name such as EPERM");
        if (s is null)
            return null;
        if (Errno.TryParse(s, out var errno) && errno > 0 && s.TrimStart('-').StartsWith('E') && !char.IsDigit(s.TrimStart('-')[1]))
            return errno;
        Error(node, $"{what} '{s}' is not an errno name", "an errno name such as EPERM");
        return null;
    }

    public static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "empty",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
