// The names one reading thread has seen, each kept as a single string: a tree's modules name the same
// few thousand kernel symbols over and over (_printk in 4,000 of them), and each __versions entry names
// an undefined symbol of the same module, so looking names up here instead of allocating one string per
// occurrence saves most of depmod's allocations. With every name interned, the per-module __versions
// index can compare references.
using System.Runtime.CompilerServices;
using System.Text;

namespace ModActors.Elf.Depmod;

internal sealed class KmodStringTable
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public KmodStringTable() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// Scratch for kmod_elf_crc_find: __versions entry index by (interned) name.
    public Dictionary<string, int> VersionIndex { get; } = new(ReferenceEqualityComparer.Instance);

    /// The string for these bytes (one Latin-1 char per byte).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        Encoding.Latin1.GetChars(bytes, chars);
        if (_lookup.TryGetValue(chars, out var s))
            return s;
        s = new string(chars);
        _strings.Add(s, s);
        return s;
    }
}
