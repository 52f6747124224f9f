// A picture of one run for `modactors run FILE.yaml --diagram out.html|out.mmd`: a lane per task and per
// kernel actor, the trace's messages as arrows in step order with virtual time, waits as bars, module state
// changes and call results marked, the failing step highlighted. HTML is one self-contained page (inline CSS
// and SVG, nothing fetched); Mermaid is a sequenceDiagram. The same trace and summary give the same bytes.
using System.Text;
using ModActors.Runtime;

namespace ModActors.Scenarios.Diagram;

/// <summary>Writes a run's trace as a race diagram.</summary>
public static class RaceDiagram
{
    /// <summary>Writes the diagram as one self-contained HTML page.</summary>
    public static void WriteHtml(Trace trace, RunSummary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        HtmlRaceDiagram.Write(RaceModel.Build(trace, summary), output);
    }

    /// <summary>Writes the diagram as a Mermaid <c>sequenceDiagram</c>.</summary>
    public static void WriteMermaid(Trace trace, RunSummary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        MermaidRaceDiagram.Write(RaceModel.Build(trace, summary), output);
    }

    /// <summary>
    /// Writes the diagram to <paramref name="path"/>: HTML for <c>.html</c>/<c>.htm</c>, Mermaid for
    /// <c>.mmd</c>/<c>.mermaid</c>. Throws <see cref="ArgumentException"/> for any other extension (before
    /// creating the file) and <see cref="IOException"/> naming the path when it cannot be written.
    /// </summary>
    public static void WriteFile(string path, Trace trace, RunSummary summary)
    {
        var write = FormatOf(path);
        try
        {
            using var output = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            write(trace, summary, output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--diagram {path}: cannot write the diagram: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> names a diagram format this class writes, so a command can refuse
    /// it before running anything; throws <see cref="ArgumentException"/> naming the problem.
    /// </summary>
    public static void CheckPath(string path) => FormatOf(path);

    private static Action<Trace, RunSummary, TextWriter> FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => WriteHtml,
            ".mmd" or ".mermaid" => WriteMermaid,
            var ext => throw new ArgumentException(
                $"--diagram {path}: unknown diagram format '{(ext.Length == 0 ? "(no extension)" : ext)}'; use .html or .mmd",
                nameof(path)),
        };
    }
}
