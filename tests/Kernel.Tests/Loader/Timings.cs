// Virtual-time checks that hold under the default timing profile (qemu-tcg): a run ends no earlier than
// its sleeps add up to, and later only by msleep's overrun (at most 5 %) and the kernel work of its calls.
using Xunit;

namespace ModActors.Kernel.Tests.Loader;

internal static class Timings
{
    /// <summary>At most this much kernel work (all stages of a load and an unload at their longest) per run.</summary>
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(250);

    /// <summary>Asserts <paramref name="actual"/> is <paramref name="sleeps"/> plus msleep's overrun and kernel work.</summary>
    public static void AssertAbout(TimeSpan sleeps, TimeSpan actual) =>
        Assert.InRange(actual, sleeps, (sleeps * 1.05) + Work);
}
