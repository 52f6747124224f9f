// The limits a scenario's YAML is held to before YamlDotNet builds its node tree (which recurses once per
// nesting level, so 50,000 levels would overflow the stack): the size of the text and how deep mappings and
// lists nest; text YamlDotNet's scanner fails on without a YamlException is reported where it stopped. Checked with YamlDotNet's event parser, which does not recurse.
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModActors.Scenarios;

internal static class YamlLimits
{
    /// <summary>The largest scenario text read (16 MiB).</summary>
    public const long MaxScenarioBytes = 16L * 1024 * 1024;

    /// <summary>How deep mappings and lists may nest.</summary>
    public const int MaxNesting = 64;

    /// <summary>The first nesting too deep, as an error; null when the text is within the limit (syntax errors are left to the loader).</summary>
    public static ScenarioError? CheckNesting(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > MaxNesting)
                        {
                            var at = parser.Current.Start;
                            return new ScenarioError(new SourceMark(file, (int)at.Line, (int)at.Column),
                                $"mappings and lists nest more than {MaxNesting} levels deep", $"at most {MaxNesting} levels");
                        }
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException)
        {
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            var at = parser.Current?.End ?? Mark.Empty;
            return new ScenarioError(new SourceMark(file, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column)),
                $"YAML: the text after this point cannot be read (YamlDotNet: {e.Message})", "plain YAML mappings, lists and scalars");
        }
        return null;
    }
}
