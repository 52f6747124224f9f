// The ELF-64 records a module loader reads (Elf64_Ehdr, Elf64_Shdr, Elf64_Sym, Elf64_Rela from <elf.h>),
// decoded little-endian with BinaryPrimitives from a span of the image; callers bound-check first.
using System.Buffers.Binary;

namespace ModActors.Elf.Format;

#pragma warning disable CA1707, IDE1006 // names follow elf.h
internal readonly record struct Elf64_Ehdr(
    ushort e_type, ushort e_machine, uint e_version, ulong e_entry, ulong e_phoff, ulong e_shoff,
    uint e_flags, ushort e_ehsize, ushort e_phentsize, ushort e_phnum, ushort e_shentsize, ushort e_shnum,
    ushort e_shstrndx)
{
    public static Elf64_Ehdr Read(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt16LittleEndian(b[16..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[18..]),
        BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
        BinaryPrimitives.ReadUInt32LittleEndian(b[48..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[52..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[54..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[56..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[58..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[60..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[62..]));
}

internal readonly record struct Elf64_Shdr(
    uint sh_name, uint sh_type, ulong sh_flags, ulong sh_addr, ulong sh_offset, ulong sh_size,
    uint sh_link, uint sh_info, ulong sh_addralign, ulong sh_entsize)
{
    public static Elf64_Shdr Read(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(b),
        BinaryPrimitives.ReadUInt32LittleEndian(b[4..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
        BinaryPrimitives.ReadUInt32LittleEndian(b[40..]),
        BinaryPrimitives.ReadUInt32LittleEndian(b[44..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[48..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[56..]));
}

internal readonly record struct Elf64_Sym(uint st_name, byte st_info, byte st_other, ushort st_shndx, ulong st_value, ulong st_size)
{
    public static Elf64_Sym Read(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(b),
        b[4],
        b[5],
        BinaryPrimitives.ReadUInt16LittleEndian(b[6..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[16..]));
}

internal readonly record struct Elf64_Rela(ulong r_offset, ulong r_info, long r_addend)
{
    public static Elf64_Rela Read(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(b),
        BinaryPrimitives.ReadUInt64LittleEndian(b[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(b[16..]));
}
#pragma warning restore CA1707, IDE1006
