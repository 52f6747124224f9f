// The interpolated-string handler behind IActorContext.Annotate($"..."): when the simulation records no trace
// (benchmarks, stress runs) the text is never formatted, so annotating a step costs nothing there.
using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ModActors.Runtime;

/// <summary>Formats an annotation only when the simulation records a trace.</summary>
[InterpolatedStringHandler]
public ref struct AnnotationHandler
{
    private DefaultInterpolatedStringHandler inner;

    /// <summary>Starts an annotation for <paramref name="context"/>'s simulation.</summary>
    public AnnotationHandler(int literalLength, int formattedCount, IActorContext context, out bool enabled)
    {
        ArgumentNullException.ThrowIfNull(context);
        enabled = Simulation.Of(context).RecordsTrace;
        inner = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    /// <summary>Appends literal text.</summary>
    public void AppendLiteral(string value) => inner.AppendLiteral(value);

    /// <summary>Appends a formatted value.</summary>
    public void AppendFormatted<T>(T value) => inner.AppendFormatted(value);

    /// <summary>Appends a formatted value with a format string.</summary>
    public void AppendFormatted<T>(T value, string? format) => inner.AppendFormatted(value, format);

    /// <summary>Appends a string.</summary>
    public void AppendFormatted(string? value) => inner.AppendFormatted(value);

    internal string ToStringAndClear() => inner.ToStringAndClear();
}
