// The __versions section (struct modversion_info[]: u64 crc, char name[56]) and check_version /
// check_modstruct_version (kernel/module/version.c) over it.
using System.Buffers.Binary;
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class ModVersions
{
    private const int SizeofModversionInfo = 64;
    private const int NameLen = 56;

    public static List<ModVersion> Read(LoadInfo info)
    {
        var list = new List<ModVersion>();
        if (info.IndexVers == 0)
            return list;
        var data = info.File.SectionData(info.IndexVers);
        for (var off = 0; off + SizeofModversionInfo <= data.Length; off += SizeofModversionInfo)
        {
            var crc = BinaryPrimitives.ReadUInt64LittleEndian(data[off..]);
            var name = ElfFile.CString(data.Slice(off + 8, NameLen), 0);
            list.Add(new ModVersion(ElfFile.Decode(name), crc));
        }
        return list;
    }

    /// check_version for symname against the exporter's crc (null: the exporter has none, accepted), scanning
    /// __versions in place. Returns the log line of a refusal, or null; forced is set when try_to_force_load
    /// accepted a module without __versions.
    public static string? check_version(LoadInfo info, string modName, ReadOnlySpan<byte> symname, uint? crc, out bool forced)
    {
        forced = false;
        if (crc is null)
            return null;
        if (info.IndexVers == 0)
        {
            forced = true;
            return null;
        }
        var data = info.File.SectionData(info.IndexVers);
        for (var off = 0; off + SizeofModversionInfo <= data.Length; off += SizeofModversionInfo)
        {
            if (!ElfFile.CString(data.Slice(off + 8, NameLen), 0).SequenceEqual(symname))
                continue;
            return (uint)BinaryPrimitives.ReadUInt64LittleEndian(data[off..]) == crc
                ? null
                : $"{modName}: disagrees about version of symbol {ElfFile.Decode(symname)}";
        }
        return $"{modName}: no symbol version for {ElfFile.Decode(symname)}";
    }
}
