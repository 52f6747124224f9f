// What the symbol table says a module needs and provides: SHN_UNDEF symbols (what simplify_symbols
// resolves) and exports. Exports are the __ksymtab_<sym> symbols of __ksymtab / __ksymtab_gpl (the
// kernel_symbol entries modpost generated), with the namespace string at __kstrtabns_<sym> in
// __ksymtab_strings and the CRC as the u32 at __crc_<sym> inside __kcrctab* (not the symbol's value).
using System.Buffers.Binary;
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class ModuleSymbols
{
    public static (List<UndefinedSymbol> Undefined, List<ExportedSymbol> Exports) Read(LoadInfo info)
    {
        var undefined = new List<UndefinedSymbol>();
        List<(ulong Order, string Name, bool Gpl)>? ksymtab = null;
        Dictionary<string, string>? namespaces = null;
        Dictionary<string, uint>? crcs = null;
        var symtab = info.File.SectionData(info.IndexSym);
        var strtab = info.Strtab;
        var count = info.SymbolCount;
        var shnum = info.Shnum;

        for (var i = 1; i < count; i++)
        {
            var at = i * Elf64.Elf64_Sym_size;
            var st_name = BinaryPrimitives.ReadUInt32LittleEndian(symtab[at..]);
            var st_shndx = BinaryPrimitives.ReadUInt16LittleEndian(symtab[(at + 6)..]);
            if (st_shndx != Elf64.SHN_UNDEF
                && (st_shndx >= shnum || (ulong)st_name + 2 > (ulong)strtab.Length
                    || strtab[(int)st_name] != (byte)'_' || strtab[(int)st_name + 1] != (byte)'_'))
                continue;
            var sym = Elf64_Sym.Read(symtab.Slice(at, Elf64.Elf64_Sym_size));
            var name = ElfFile.CString(strtab, sym.st_name);
            if (sym.st_shndx == Elf64.SHN_UNDEF)
            {
                undefined.Add(new UndefinedSymbol(ElfFile.Decode(name), Elf64.ELF64_ST_BIND(sym.st_info) == Elf64.STB_WEAK));
                continue;
            }
            if (name.Length < 7)
                continue;
            if (name.StartsWith("__ksymtab_"u8))
            {
                var sec = info.File.SectionNameBytes(sym.st_shndx);
                var gpl = sec.SequenceEqual("__ksymtab_gpl"u8);
                if (gpl || sec.SequenceEqual("__ksymtab"u8))
                    (ksymtab ??= []).Add((sym.st_value, ElfFile.Decode(name["__ksymtab_".Length..]), gpl));
            }
            else if (name.StartsWith("__kstrtabns_"u8))
            {
                var ns = ElfFile.CString(info.File.SectionData(sym.st_shndx), sym.st_value);
                (namespaces ??= new(StringComparer.Ordinal))[ElfFile.Decode(name["__kstrtabns_".Length..])] = ElfFile.Decode(ns);
            }
            else if (name.StartsWith("__crc_"u8))
            {
                var data = info.File.SectionData(sym.st_shndx);
                if (sym.st_value <= (ulong)data.Length && (ulong)data.Length - sym.st_value >= 4)
                    (crcs ??= new(StringComparer.Ordinal))[ElfFile.Decode(name["__crc_".Length..])] =
                        BinaryPrimitives.ReadUInt32LittleEndian(data[(int)sym.st_value..]);
            }
        }

        var exports = new List<ExportedSymbol>();
        if (ksymtab is not null)
        {
            ksymtab.Sort((a, b) => a.Gpl != b.Gpl ? a.Gpl.CompareTo(b.Gpl) : a.Order.CompareTo(b.Order));
            foreach (var (_, name, gpl) in ksymtab)
            {
                var ns = namespaces is not null && namespaces.TryGetValue(name, out var n) ? n : "";
                uint? crc = crcs is not null && crcs.TryGetValue(name, out var c) ? c : null;
                exports.Add(new ExportedSymbol(name, gpl, ns, crc));
            }
        }
        return (undefined, exports);
    }
}
