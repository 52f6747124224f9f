// `--otel tree` for metrics: the kernel's counters and histograms of a run, written once at the end, sorted.
// The kernel's metrics carry no system name, so this runs alone (a collection without parallelization).
using ModActors.Scenarios.Telemetry;
using Xunit;

namespace ModActors.Scenarios.Tests.Telemetry;

[CollectionDefinition("otel metrics", DisableParallelization = true)]
public sealed class OtelMetricsCollection;

[Collection("otel metrics")]
public sealed class MetricSummaryExporterTests
{
    private static string Metrics(Action<string> run)
    {
        var name = KernelRaces.NewSystemName();
        var text = new StringWriter { NewLine = "\n" };
        using (KernelTelemetryExport.Start(OtelMode.Tree, text, TextWriter.Null, null, name))
            run(name);
        var all = text.ToString();
        return all[all.IndexOf("metrics:", StringComparison.Ordinal)..];
    }

    [Fact]
    public void A_race_ends_with_its_loads_failures_by_errno_duplicate_loads_wasted_bytes_and_wait_durations()
    {
        Assert.Equal("""
            metrics:
              modactors.kernel.duplicate_load_failures{reason=becoming} 1
              modactors.kernel.failures{errno=EEXIST,syscall=init_module} 1
              modactors.kernel.loads{syscall=finit_module} 2
              modactors.kernel.loads{syscall=init_module} 1
              modactors.kernel.wait_duration{wait=idempotent completion} count=1 sum=800ms min=800ms max=800ms
              modactors.kernel.wait_duration{wait=module_wq} count=1 sum=700ms min=700ms max=700ms
              modactors.kernel.wasted_bytes{kind=becoming} 24576 By

            """.ReplaceLineEndings("\n"), Metrics(KernelRaces.SlowLoaders));
    }

    [Fact]
    public void A_run_without_system_calls_says_no_metrics_were_recorded()
    {
        Assert.Equal("metrics: none recorded\n", Metrics(_ => { }));
    }
}
