// The kernel's OpenTelemetry spans (ActivitySource "ModActors.Kernel"): one per system call with a child per
// load_module stage and per wait, on virtual time from a fixed epoch, with the errno of a failed call.
using System.Diagnostics;
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

[Collection("telemetry")]
public sealed class TelemetryTests
{
    private static List<Activity> Record(Func<KernelHarness> run)
    {
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        string system;
        using (var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == KernelTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        })
        {
            ActivitySource.AddActivityListener(listener);
            system = run().System.Name;
        }
        var spans = stopped.ToList();
        var traces = spans.Where(s => (string?)s.GetTagItem("modactors.system") == system).Select(s => s.TraceId).ToHashSet();
        return spans.Where(s => traces.Contains(s.TraceId)).ToList();
    }

    [Fact]
    public void A_waiting_same_inode_loader_has_a_finit_span_with_an_idempotent_wait_child_on_virtual_time()
    {
        var spans = Record(() =>
        {
            var h = TestModules.All();
            h.Task("a", Finit("/m/slow.ko", "delay_ms=1000"));
            h.Task("b", Sleep(200), Finit("/m/slow.ko"));
            h.Run();
            return h;
        });
        var finitB = spans.Single(s => s.OperationName == "finit_module" && (string?)s.GetTagItem("modactors.task") == "b");
        Assert.Equal(KernelTelemetry.Epoch.UtcDateTime.AddMilliseconds(200), finitB.StartTimeUtc);
        Timings.AssertAbout(TimeSpan.FromMilliseconds(800), finitB.Duration);
        Assert.Equal(0, finitB.GetTagItem("modactors.rc"));
        var wait = spans.Single(s => s.OperationName == "wait idempotent completion");
        Assert.Equal(finitB.TraceId, wait.TraceId);
        var stagesOfA = spans.Where(s => s.ParentSpanId == spans.Single(x => x.OperationName == "finit_module"
            && (string?)x.GetTagItem("modactors.task") == "a").SpanId).Select(s => s.OperationName).ToList();
        Assert.Contains("add_unformed_module", stagesOfA);
        Assert.Contains("do_init_module", stagesOfA);
    }

    [Fact]
    public void A_failed_load_span_carries_its_errno_and_error_status()
    {
        var spans = Record(() =>
        {
            var h = TestModules.All();
            h.Task("a", Finit("/m/slow.ko", "ret=-5"));
            h.Run();
            return h;
        });
        var finit = spans.Single(s => s.OperationName == "finit_module");
        Assert.Equal("EIO", finit.GetTagItem("modactors.errno"));
        Assert.Equal(ActivityStatusCode.Error, finit.Status);
    }
}
