// One recorded step of a simulation: a delivery, a resumption or a timer's message.
using System.Globalization;
using System.Text;

namespace ModActors.Runtime;

/// <summary>One step of a run as recorded in the <see cref="Trace"/>.</summary>
public sealed class TraceStep
{
    private List<string>? annotations;

    internal TraceStep(long step, TimeSpan time, string from, string to, string message)
    {
        Step = step;
        Time = time;
        From = from;
        To = to;
        Message = message;
    }

    /// <summary>The step number, starting at 1.</summary>
    public long Step { get; }

    /// <summary>Virtual time of the step.</summary>
    public TimeSpan Time { get; }

    /// <summary>The sender ("-" when there is none); for a resumption, who caused it (the replier, or "timer").</summary>
    public string From { get; }

    /// <summary>The actor that ran the step.</summary>
    public string To { get; }

    /// <summary>The message (type and record text), or "resume ..." for a resumed handler.</summary>
    public string Message { get; }

    /// <summary>Notes the model attached to the step with Context.Annotate (<see cref="SimulationContext"/>).</summary>
    public IReadOnlyList<string> Annotations => annotations ?? (IReadOnlyList<string>)[];

    internal void Annotate(string text) => (annotations ??= []).Add(text);

    /// <summary>The one-line text form, e.g. <c>#12 t=200ms a -> module_mutex Lock { Task = a }</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append('#').Append(Step.ToString(CultureInfo.InvariantCulture))
          .Append(" t=").Append(FormatTime(Time))
          .Append(' ').Append(From).Append(" -> ").Append(To).Append(' ').Append(Message);
        if (annotations != null)
        {
            foreach (var a in annotations)
            {
                sb.Append(" [").Append(a).Append(']');
            }
        }

        return sb.ToString();
    }

    /// <summary>Virtual time as milliseconds, e.g. <c>200ms</c> or <c>0.5ms</c>.</summary>
    internal static string FormatTime(TimeSpan t) =>
        (t.Ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture) + "ms";
}
