// The trace ids a kernel gives its system calls (KernelTraceIds): 8 bytes of prefix (FNV-1a of the system's name
// unless a prefix was set for the booting thread), then the call's number in that kernel.
using System.Text;

namespace ModActors.Scenarios.Tests.Telemetry;

internal static class TraceIds
{
    public static ulong PrefixOf(string systemName)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(systemName))
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    /// <summary>The hex trace id of call <paramref name="call"/> under <paramref name="prefix"/>.</summary>
    public static string Of(ulong prefix, int call) => $"{prefix:x16}{call:x16}";
}
