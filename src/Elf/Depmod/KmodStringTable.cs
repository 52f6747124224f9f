// The names one reading thread has seen, each kept as a single string with a small id: a tree's modules
// name the same few thousand kernel symbols over and over (_printk in 4,000 of them), and each
// __versions entry names an undefined symbol of the same module, so looking names up here instead of
// allocating a string per occurrence saves most of depmod's allocations. The ids also index the
// per-module __versions lookup (kmod_elf_crc_find), so matching a symbol to its entry costs no hashing.
// A hand-written open-addressing table rather than Dictionary: it is the hottest loop of depmod and runs
// once per process, where the runtime's tiered and profile-guided recompilation of library code cost
// more CPU than the lookups themselves (measured on Debian's tree).
using System.Runtime.CompilerServices;

namespace ModActors.Elf.Depmod;

internal sealed class KmodStringTable
{
    private string?[] _slots = new string?[1 << 14];
    private uint[] _hashes = new uint[1 << 14];
    private int[] _versionStamp = new int[1 << 14];
    private int[] _versionIndex = new int[1 << 14];
    private int _count;
    private int _stamp;

    /// The string for these bytes (one Latin-1 char per byte) and its slot id in this table.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> bytes, out int id)
    {
        var hash = Hash(bytes);
        var mask = _slots.Length - 1;
        var i = (int)hash & mask;
        while (true)
        {
            var s = _slots[i];
            if (s is null)
                break;
            if (_hashes[i] == hash && SameChars(s, bytes))
            {
                id = i;
                return s;
            }
            i = (i + 1) & mask;
        }
        var created = KmodElf.Latin1(bytes);
        _slots[i] = created;
        _hashes[i] = hash;
        id = i;
        if (++_count * 2 > _slots.Length)
        {
            Grow();
            id = Find(created, hash);
        }
        return created;
    }

    public string Get(ReadOnlySpan<byte> bytes) => Get(bytes, out _);

    /// Makes room for more new names, so that ids stay valid while one module is read.
    public void Reserve(int more)
    {
        while ((long)(_count + more) * 2 > _slots.Length)
            Grow();
    }

    /// Starts the __versions index of a new module (kmod_elf_crc_find's table).
    public void BeginVersions() => _stamp++;

    /// Records that __versions entry index names id, unless an earlier entry already did (first match wins).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddVersion(int id, int index)
    {
        if (_versionStamp[id] == _stamp)
            return;
        _versionStamp[id] = _stamp;
        _versionIndex[id] = index;
    }

    /// The first __versions entry of the current module naming id, or -1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FindVersion(int id) => _versionStamp[id] == _stamp ? _versionIndex[id] : -1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var h = 2166136261u;
        foreach (var b in bytes)
            h = (h ^ b) * 16777619u;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SameChars(string s, ReadOnlySpan<byte> bytes)
    {
        if (s.Length != bytes.Length)
            return false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (s[i] != bytes[i])
                return false;
        }
        return true;
    }

    private int Find(string s, uint hash)
    {
        var mask = _slots.Length - 1;
        var i = (int)hash & mask;
        while (!ReferenceEquals(_slots[i], s))
            i = (i + 1) & mask;
        return i;
    }

    /// Doubles the table. Ids and the __versions index change, so readers Reserve room before a module.
    private void Grow()
    {
        var oldSlots = _slots;
        var oldHashes = _hashes;
        _slots = new string?[oldSlots.Length * 2];
        _hashes = new uint[_slots.Length];
        _versionStamp = new int[_slots.Length];
        _versionIndex = new int[_slots.Length];
        var mask = _slots.Length - 1;
        for (var j = 0; j < oldSlots.Length; j++)
        {
            if (oldSlots[j] is not { } s)
                continue;
            var i = (int)oldHashes[j] & mask;
            while (_slots[i] is not null)
                i = (i + 1) & mask;
            _slots[i] = s;
            _hashes[i] = oldHashes[j];
        }
    }
}
