// The module as it sits in (simulated) module memory after move_module, simplify_symbols and
// apply_relocations: one byte buffer per mod_mem_type at its base address.
namespace ModActors.Elf;

/// <summary>A relocated module in memory.</summary>
public sealed class ModuleImage
{
    private readonly byte[][] _memory;
    private readonly ulong[] _bases;
    private readonly KernelModule _module;

    internal ModuleImage(KernelModule module, byte[][] memory, ulong[] bases)
    {
        _module = module;
        _memory = memory;
        _bases = bases;
    }

    /// <summary>mod->mem[type].base.</summary>
    public ulong Base(ModMemType type) => _bases[(int)type];

    /// <summary>The bytes of mod->mem[type] (length: the page-aligned size).</summary>
    public ReadOnlyMemory<byte> Memory(ModMemType type) => _memory[(int)type];

    /// <summary>The address a section was moved to (its sh_addr after move_module), or null when it is not allocated.</summary>
    public ulong? SectionAddress(int index) =>
        (uint)index < (uint)_module.Layout.Placements.Length && _module.Layout.Placements[index] is { Type: { } t, Offset: var o }
            ? _bases[(int)t] + o
            : null;

    /// <summary>
    /// The relocated bytes of an allocated section (zeros for SHT_NOBITS); empty when not allocated. A section larger
    /// than its memory (a NOBITS size the layout's unsigned int wrapped, as module_get_offset_and_type's does) is cut
    /// at the end of the memory.
    /// </summary>
    public ReadOnlyMemory<byte> SectionBytes(int index)
    {
        if ((uint)index >= (uint)_module.Layout.Placements.Length || _module.Layout.Placements[index] is not { Type: { } t, Offset: var o })
            return ReadOnlyMemory<byte>.Empty;
        var memory = _memory[(int)t];
        if (o >= (uint)memory.Length)
            return ReadOnlyMemory<byte>.Empty;
        return memory.AsMemory((int)o, (int)Math.Min(_module.Info.Sechdrs[index].sh_size, (ulong)(memory.Length - o)));
    }
}
