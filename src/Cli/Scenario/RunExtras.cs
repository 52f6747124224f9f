// What `modactors run` can add to a single run: a race diagram of it (--diagram out.html|out.mmd) and its
// OpenTelemetry export (--otel tree|console|otlp, given once or more, --otlp-endpoint URL).
using System.CommandLine;
using ModActors.Kernel;
using ModActors.Scenarios;
using ModActors.Scenarios.Diagram;
using ModActors.Scenarios.Telemetry;

namespace ModActors.Cli;

internal sealed record RunExtras(string? DiagramPath, OtelMode Otel, Uri? OtlpEndpoint)
{
    public static Option<string?> DiagramOption() => new("--diagram")
    {
        Description = "Write a race diagram of the run: a self-contained .html page or a Mermaid .mmd file.",
    };

    public static Option<string[]> OtelOption() => new("--otel")
    {
        Description = "Export OpenTelemetry spans and metrics (repeatable): tree (one line a span, on stdout), console (the official "
            + "OpenTelemetry console exporter, on stdout) or otlp (to --otlp-endpoint).",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string?> OtlpEndpointOption() => new("--otlp-endpoint")
    {
        Description = "The OTLP/HTTP collector's base URL, e.g. http://localhost:4318.",
    };

    /// <summary>The extras asked for, or null after printing why the options are invalid.</summary>
    public static RunExtras? Parse(string? diagram, IReadOnlyList<string>? otel, string? endpoint, TextWriter error)
    {
        if (diagram is not null)
        {
            try
            {
                RaceDiagram.CheckPath(diagram);
            }
            catch (ArgumentException e)
            {
                error.WriteLine("modactors run: " + e.Message);
                return null;
            }
        }
        var m = OtelMode.None;
        foreach (var name in otel ?? [])
        {
            var mode = name switch
            {
                "none" => OtelMode.None,
                "tree" => OtelMode.Tree,
                "console" => OtelMode.Console,
                "otlp" => OtelMode.Otlp,
                _ => (OtelMode?)null,
            };
            if (mode is not { } one)
            {
                error.WriteLine($"modactors run: --otel {name}: expected tree, console, otlp or none");
                return null;
            }
            m |= one;
        }
        Uri? uri = null;
        if (m.HasFlag(OtelMode.Otlp) && !ModActors.Scenarios.Telemetry.OtlpEndpoint.TryParse(endpoint, out uri, out var problem))
        {
            error.WriteLine("modactors run: " + problem);
            return null;
        }
        if (!m.HasFlag(OtelMode.Otlp) && endpoint is not null)
        {
            error.WriteLine("modactors run: --otlp-endpoint goes with --otel otlp");
            return null;
        }
        return new RunExtras(diagram, m, uri);
    }

    public IDisposable StartTelemetry(TextWriter output, TextWriter error) =>
        KernelTelemetryExport.Start(Otel, output, error, OtlpEndpoint, systemFilter: null);

    /// <summary>Writes the diagram of <paramref name="report"/>; false (after printing why) if the file cannot be written.</summary>
    public bool WriteDiagram(Scenario sc, RunSettings settings, RunReport report, TextWriter error)
    {
        if (DiagramPath is null)
            return true;
        var calls = report.Calls.Select(c => new CallResult(c.Task, c.Call.Op.ToString(), c.Call.Target, c.Rc,
            c.Rc < 0 ? Errno.Name(-c.Rc) : null, c.Steps.Start, c.Steps.End)).ToList();
        var result = report.Result;
        long? failing = result.Failure?.Step ?? result.Deadlock?.Step
            ?? (result.Outcome == Runtime.RunOutcome.InvariantViolation ? result.Steps : null);
        var summary = new RunSummary(sc.Name, settings.Seed, settings.Strategy, calls, report.Passed,
            report.Passed ? "pass" : string.Join("; ", report.Failures), failing);
        try
        {
            RaceDiagram.WriteFile(DiagramPath, result.Trace, summary);
            return true;
        }
        catch (IOException e)
        {
            error.WriteLine("modactors run: " + e.Message);
            return false;
        }
    }
}
