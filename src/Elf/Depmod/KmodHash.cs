// libkmod/libkmod-hash.c: the bucket a key lands in (hash_superfast, Paul Hsieh's SuperFastHash, modulo
// the bucket count) and hash_iter_next's order (buckets in index order, keys strcmp-sorted inside a
// bucket). depmod writes modules.symbols in this order and builds its module array from it, so we
// compute it to write the same bytes; the table itself is an ordinary Dictionary.
using System.Runtime.CompilerServices;
namespace ModActors.Elf.Depmod;

internal static class KmodHash
{
    /// hash_superfast over the key's bytes (one Latin-1 char per byte; char is signed on x86, as in C).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint hash_superfast(string key)
    {
        var len = (uint)key.Length;
        uint hash = len, tmp;
        var rem = len & 3;
        var i = 0;
        for (len /= 4; len > 0; len--)
        {
            hash += U16(key, i);
            tmp = (U16(key, i + 2) << 11) ^ hash;
            hash = (hash << 16) ^ tmp;
            i += 4;
            hash += hash >> 11;
        }
        switch (rem)
        {
            case 3:
                hash += U16(key, i);
                hash ^= hash << 16;
                hash ^= (uint)(S8(key, i + 2) << 18);
                hash += hash >> 11;
                break;
            case 2:
                hash += U16(key, i);
                hash ^= hash << 11;
                hash += hash >> 17;
                break;
            case 1:
                hash += (uint)S8(key, i);
                hash ^= hash << 10;
                hash += hash >> 1;
                break;
        }
        hash ^= hash << 3;
        hash += hash >> 5;
        hash ^= hash << 4;
        hash += hash >> 17;
        hash ^= hash << 25;
        hash += hash >> 6;
        return hash;
    }

    public static uint Bucket(string key, uint nBuckets) => hash_superfast(key) % nBuckets;

    /// Sorts items into hash_iter_next's order for a table of nBuckets buckets.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SortIterationOrder<T>(List<T> items, Func<T, string> key, uint nBuckets)
    {
        var keys = new IterationKey[items.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var k = key(items[i]);
            keys[i] = new IterationKey(Bucket(k, nBuckets), k, i);
        }
        Array.Sort(keys, IterationKey.Compare);
        var copy = items.ToArray();
        for (var i = 0; i < keys.Length; i++)
            items[i] = copy[keys[i].Index];
    }

    private readonly record struct IterationKey(uint Bucket, string Key, int Index)
    {
        public static int Compare(IterationKey a, IterationKey b) =>
            a.Bucket != b.Bucket ? a.Bucket.CompareTo(b.Bucket) : string.CompareOrdinal(a.Key, b.Key);
    }

    private static uint U16(string s, int i) => (uint)((byte)s[i] | ((byte)s[i + 1] << 8));

    private static int S8(string s, int i) => (sbyte)(byte)s[i];
}
