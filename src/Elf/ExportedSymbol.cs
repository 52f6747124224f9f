// One symbol a module exports: a __ksymtab or __ksymtab_gpl entry, its namespace string from
// __ksymtab_strings and its CRC from __kcrctab / __kcrctab_gpl (the u32 at the __crc_<sym> offset).
namespace ModActors.Elf;

/// <summary>A symbol exported with EXPORT_SYMBOL / EXPORT_SYMBOL_GPL / EXPORT_SYMBOL_NS*.</summary>
/// <param name="Name">The exported symbol's name.</param>
/// <param name="IsGplOnly">True when it sits in __ksymtab_gpl.</param>
/// <param name="Namespace">The symbol namespace; empty when none.</param>
/// <param name="Crc">The export's CRC from __kcrctab*, or null when the module carries none.</param>
public sealed record ExportedSymbol(string Name, bool IsGplOnly, string Namespace, uint? Crc);
