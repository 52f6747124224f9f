// One change the YAML mutator makes to a scenario's text. Line numbers are taken modulo the current
// line count when applied, so any subset of a mutant's changes still applies (for minimising).
namespace ModActors.Scenarios.Fuzzing;

/// <summary>A change to a scenario text.</summary>
internal abstract record YamlMutation(string What)
{
    public abstract string Apply(string text);

    protected static List<string> Lines(string text) => [.. text.Split('\n')];

    protected static string Join(List<string> lines) => string.Join('\n', lines);

    public sealed override string ToString() => What;
}

/// <summary>Deletes, duplicates or swaps lines.</summary>
internal sealed record YamlLineEdit(string What, int Line, int Kind) : YamlMutation(What)
{
    public override string Apply(string text)
    {
        var lines = Lines(text);
        var i = Line % lines.Count;
        switch (Kind)
        {
            case 0:
                lines.RemoveAt(i);
                break;
            case 1:
                lines.Insert(i, lines[i]);
                break;
            default:
                var j = (i + 1) % lines.Count;
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
        }
        return Join(lines);
    }
}

/// <summary>Replaces the value after a line's last ": " or "- " (or the whole line) with <paramref name="Value"/>.</summary>
internal sealed record YamlValue(string What, int Line, string Value) : YamlMutation(What)
{
    public override string Apply(string text)
    {
        var lines = Lines(text);
        var i = Line % lines.Count;
        var l = lines[i];
        var at = Math.Max(l.LastIndexOf(": ", StringComparison.Ordinal), l.LastIndexOf("- ", StringComparison.Ordinal));
        var trailer = l.TrimEnd().EndsWith(']') ? " ]" : l.TrimEnd().EndsWith('}') ? " }" : "";
        lines[i] = at < 0 ? Value : l[..(at + 2)] + Value + trailer;
        return Join(lines);
    }
}

/// <summary>Inserts <paramref name="Text"/> at a character position.</summary>
internal sealed record YamlInsert(string What, int Position, string Text) : YamlMutation(What)
{
    public override string Apply(string text) => text.Insert(Position % (text.Length + 1), Text);
}

/// <summary>Inserts a whole line (from another scenario, or a new key) before a line.</summary>
internal sealed record YamlInsertLine(string What, int Line, string Text) : YamlMutation(What)
{
    public override string Apply(string text)
    {
        var lines = Lines(text);
        lines.Insert(Line % (lines.Count + 1), Text);
        return Join(lines);
    }
}

/// <summary>Cuts the text at a character position.</summary>
internal sealed record YamlTruncate(string What, int Position) : YamlMutation(What)
{
    public override string Apply(string text) => text[..(Position % (text.Length + 1))];
}
