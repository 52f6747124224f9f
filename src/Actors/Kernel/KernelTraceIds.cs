// The trace ids of one simulated kernel's system calls. .NET draws a root span's trace id at random (and
// Activity.TraceIdGenerator, the only hook, is process-wide: kernels running in parallel would draw from one
// sequence), so the kernel names each call's trace itself and starts its root span under a parent context that
// carries only that trace id (no parent span, sampled): the first 8 bytes are the trace-id prefix, the last 8 the
// number of the call in this kernel (1, 2, ... in simulation order). The prefix is FNV-1a of the simulation's name,
// unless the thread that boots the kernel set one for it (KernelTelemetry.UseTraceIdPrefix): it is read once, at
// boot, and kept by the kernel, so no state is shared between kernels. Span ids stay random: .NET has no hook for
// them.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace ModActors.Kernel;

internal sealed class KernelTraceIds
{
    [ThreadStatic]
    private static ulong? bootPrefix;

    private readonly ulong prefix;
    private ulong calls;

    public KernelTraceIds(string systemName) => prefix = bootPrefix ?? Fnv1a(systemName);

    /// <summary>The trace-id prefix of kernels booted on this thread until the scope is disposed (null: from the system name).</summary>
    internal static IDisposable UsePrefix(ulong? prefix)
    {
        var previous = bootPrefix;
        bootPrefix = prefix;
        return new Restore(previous);
    }

    /// <summary>The parent context of the next system call's root span: a new trace id and no parent span.</summary>
    public ActivityContext NextRoot()
    {
        calls++;
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(id, prefix);
        BinaryPrimitives.WriteUInt64BigEndian(id[8..], calls);
        return new ActivityContext(ActivityTraceId.CreateFromBytes(id), default, ActivityTraceFlags.Recorded);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    private sealed class Restore(ulong? previous) : IDisposable
    {
        public void Dispose() => bootPrefix = previous;
    }
}
