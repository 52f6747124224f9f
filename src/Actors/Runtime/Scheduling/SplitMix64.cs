// The seeded generator behind random and pct. Written by hand rather than System.Random so a seed
// means the same schedule on every .NET version and platform (SplitMix64, Steele et al. 2014).
namespace ModActors.Runtime.Scheduling;

internal sealed class SplitMix64(long seed)
{
    private ulong state = unchecked((ulong)seed);

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound).</summary>
    public int Next(int bound) => (int)(NextUInt64() % (ulong)bound);

    /// <summary>Uniform in [0, bound).</summary>
    public long NextLong(long bound) => (long)(NextUInt64() % (ulong)bound);
}
