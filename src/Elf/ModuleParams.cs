// The __param section: struct kernel_param entries (40 bytes: name, mod, ops pointers; u16 perm at
// 24; s8 level; u8 flags; arg at 32), whose pointers are relocations in .rela__param. Types and
// descriptions come from .modinfo parmtype=NAME:TYPE and parm=NAME:DESC, as modinfo shows them.
using System.Buffers.Binary;
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class ModuleParams
{
    private const int SizeofKernelParam = 40;
    private const int OffsetofOps = 16;
    private const int OffsetofPerm = 24;
    private const int OffsetofArg = 32;

    public static List<ModuleParam> Read(LoadInfo info, ModInfo modinfo)
    {
        var result = new List<ModuleParam>();
        var idx = info.FindSec("__param"u8);
        if (idx == 0)
            return result;
        var data = info.File.SectionData(idx);
        var relocs = new Dictionary<ulong, Elf64_Rela>();
        foreach (var r in RelaEntries.For(info, idx))
            relocs.TryAdd(r.r_offset, r);

        var types = FirstByName(modinfo, "parmtype");
        var descriptions = FirstByName(modinfo, "parm");
        for (var off = 0; off + SizeofKernelParam <= data.Length; off += SizeofKernelParam)
        {
            var name = relocs.TryGetValue((ulong)off, out var nr) ? RelaEntries.TargetString(info, nr) ?? "" : "";
            var ops = relocs.TryGetValue((ulong)(off + OffsetofOps), out var or) && RelaEntries.Symbol(info, or) is { } os
                ? ElfFile.Decode(info.SymbolName(os))
                : "";
            var perm = BinaryPrimitives.ReadUInt16LittleEndian(data[(off + OffsetofPerm)..]);
            var type = types.GetValueOrDefault(name) ?? TypeFromOps(ops);
            var limit = ops is "param_array_ops" or "param_ops_string" && relocs.TryGetValue((ulong)(off + OffsetofArg), out var ar)
                ? FirstU32(info, ar)
                : 0;
            result.Add(new ModuleParam(name, type, perm, descriptions.GetValueOrDefault(name), ops)
            {
                ArrayMax = ops == "param_array_ops" ? limit : 0,
                StringMaxLen = ops == "param_ops_string" ? limit : 0,
            });
        }
        return result;
    }

    /// The first u32 of the struct an arg pointer designates (kparam_array.max, kparam_string.maxlen); 0 if unknown.
    private static uint FirstU32(LoadInfo info, in Elf64_Rela rela)
    {
        if (RelaEntries.Symbol(info, rela) is not { } sym || sym.st_shndx == Elf64.SHN_UNDEF || sym.st_shndx >= info.Shnum)
            return 0;
        var offset = unchecked(sym.st_value + (ulong)rela.r_addend);
        var data = info.File.SectionData(sym.st_shndx);
        return offset <= (ulong)data.Length && (ulong)data.Length - offset >= 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(data[(int)offset..])
            : 0;
    }

    /// The first "NAME:TEXT" value of each name for a .modinfo tag, read once (a lookup per parameter would cost
    /// #__param x #.modinfo, which a crafted module makes quadratic).
    private static Dictionary<string, string> FirstByName(ModInfo modinfo, string tag)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in modinfo.Entries)
        {
            var colon = e.Key == tag ? e.Value.IndexOf(':', StringComparison.Ordinal) : -1;
            if (colon > 0)
                map.TryAdd(e.Value[..colon], e.Value[(colon + 1)..]);
        }
        return map;
    }

    private static string TypeFromOps(string ops) =>
        ops.StartsWith("param_ops_", StringComparison.Ordinal) ? ops["param_ops_".Length..]
        : ops == "param_array_ops" ? "array"
        : ops;
}
