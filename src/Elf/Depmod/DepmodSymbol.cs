// struct symbol of kmod's tools/depmod.c: who exports a name (null for the kernel itself or a faked
// symbol) and the CRC it was exported with.
namespace ModActors.Elf.Depmod;

internal sealed record DepmodSymbol(DepmodModule? Owner, ulong Crc);
