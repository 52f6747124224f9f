// The kernel's own trace ids: the n-th system call of a kernel is trace PREFIX:n, whatever other kernels run in
// parallel on other threads and whatever trace-id prefix another thread asked for.
using System.Collections.Concurrent;
using System.Diagnostics;
using ModActors.Kernel;
using Xunit;

namespace ModActors.Scenarios.Tests.Telemetry;

public sealed class KernelTraceIdTests
{
    [Fact]
    public void Kernels_run_in_parallel_number_their_traces_as_if_each_ran_alone()
    {
        var names = Enumerable.Range(0, 8).Select(_ => KernelRaces.NewSystemName()).ToList();
        var prefixed = names[3];
        const ulong Prefix = 0x0123456789abcdef;
        var roots = new ConcurrentQueue<(string System, string TraceId)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == KernelTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.ParentSpanId == default && a.GetTagItem("modactors.system") is string system && names.Contains(system))
                    roots.Enqueue((system, a.TraceId.ToHexString()));
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var start = new Barrier(names.Count);
        var threads = names.Select(name => new Thread(() =>
        {
            start.SignalAndWait();
            using (name == prefixed ? KernelTelemetry.UseTraceIdPrefix(Prefix) : null)
                KernelRaces.SlowLoaders(name);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        foreach (var name in names)
        {
            var prefix = name == prefixed ? Prefix : TraceIds.PrefixOf(name);
            var ids = roots.Where(r => r.System == name).Select(r => r.TraceId).Order(StringComparer.Ordinal);
            Assert.Equal([TraceIds.Of(prefix, 1), TraceIds.Of(prefix, 2), TraceIds.Of(prefix, 3)], ids);
        }
    }

    [Fact]
    public void A_prefix_applies_to_kernels_booted_on_its_thread_until_disposed()
    {
        var inside = KernelRaces.NewSystemName();
        var after = KernelRaces.NewSystemName();
        var roots = new ConcurrentQueue<(string System, string TraceId)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == KernelTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.ParentSpanId == default && a.GetTagItem("modactors.system") is string system && (system == inside || system == after))
                    roots.Enqueue((system, a.TraceId.ToHexString()));
            },
        };
        ActivitySource.AddActivityListener(listener);
        using (KernelTelemetry.UseTraceIdPrefix(42))
            KernelRaces.SlowLoaders(inside);
        KernelRaces.SlowLoaders(after);
        Assert.All(roots.Where(r => r.System == inside), r => Assert.StartsWith("000000000000002a", r.TraceId, StringComparison.Ordinal));
        Assert.All(roots.Where(r => r.System == after), r => Assert.StartsWith(TraceIds.PrefixOf(after).ToString("x16"), r.TraceId, StringComparison.Ordinal));
        Assert.Equal(6, roots.Count);
    }
}
