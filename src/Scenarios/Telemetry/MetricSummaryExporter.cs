// `--otel tree` for metrics: the kernel's counters and histograms (Meter "ModActors.Kernel") written once when
// the run ends, one line per metric and tag set, sorted: `modactors.kernel.failures{errno=EEXIST,syscall=finit_module} 1`,
// histograms as count, sum, min and max. Written next to the official console exporter for the same reason as
// SpanTreeExporter: the official one prints a block per metric point with wall-clock start and end times, and
// every histogram bucket, so two runs cannot be diffed.
using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ModActors.Scenarios.Telemetry;

internal sealed class MetricSummaryExporter(TextWriter output) : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch)
    {
        var lines = new List<string>();
        foreach (var metric in batch)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
                lines.Add(Line(metric, point));
        }
        lines.Sort(StringComparer.Ordinal);
        output.WriteLine(lines.Count == 0 ? "metrics: none recorded" : "metrics:");
        foreach (var line in lines)
            output.WriteLine("  " + line);
        output.Flush();
        return ExportResult.Success;
    }

    private static string Line(Metric metric, in MetricPoint point)
    {
        var line = new StringBuilder(metric.Name);
        var tags = new List<string>();
        foreach (var tag in point.Tags)
            tags.Add($"{tag.Key}={Number(tag.Value)}");
        if (tags.Count > 0)
            line.Append('{').AppendJoin(',', tags.Order(StringComparer.Ordinal)).Append('}');
        var unit = string.IsNullOrEmpty(metric.Unit) ? "" : " " + metric.Unit;
        switch (metric.MetricType)
        {
            case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                line.Append(' ').Append(Number(point.GetSumLong())).Append(unit);
                break;
            case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                line.Append(' ').Append(Number(point.GetSumDouble())).Append(unit);
                break;
            case MetricType.LongGauge:
                line.Append(' ').Append(Number(point.GetGaugeLastValueLong())).Append(unit);
                break;
            case MetricType.DoubleGauge:
                line.Append(' ').Append(Number(point.GetGaugeLastValueDouble())).Append(unit);
                break;
            default:
                line.Append(" count=").Append(Number(point.GetHistogramCount()))
                    .Append(" sum=").Append(Number(point.GetHistogramSum())).Append(metric.Unit);
                if (point.TryGetHistogramMinMaxValues(out var min, out var max))
                    line.Append(" min=").Append(Number(min)).Append(metric.Unit).Append(" max=").Append(Number(max)).Append(metric.Unit);
                break;
        }
        return line.ToString();
    }

    private static string Number(object? value) => value switch
    {
        double d => Math.Round(d, 3).ToString("0.###", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
