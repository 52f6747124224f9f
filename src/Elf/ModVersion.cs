// One __versions entry (struct modversion_info: unsigned long crc; char name[MODULE_NAME_LEN]).
namespace ModActors.Elf;

/// <summary>A CRC the module expects for a symbol it imports (modversions).</summary>
/// <param name="Name">The symbol name.</param>
/// <param name="Crc">The expected CRC (stored as unsigned long; compared as its low 32 bits by check_version).</param>
public sealed record ModVersion(string Name, ulong Crc);
