// The notes of an SHT_NOTE section (Elf64_Nhdr records from <elf.h>: n_namesz, n_descsz, n_type, then the name and
// the descriptor, each padded to 4 bytes), as readelf -n lists them. The loader itself copies note sections whole
// (kernel/module/sysfs.c add_notes_attrs exposes each SHF_ALLOC one as /sys/module/NAME/notes/SECTION); this reader
// is for tools and for comparing readers. A record that does not fit in the section ends the list.
using System.Buffers.Binary;

namespace ModActors.Elf.Format;

/// <summary>One ELF note: its owner name (without the NUL), type and descriptor bytes.</summary>
internal sealed record ElfNote(string Name, uint Type, byte[] Descriptor);

internal static class ElfNotes
{
    private const int NhdrSize = 12;

    /// The notes of section <paramref name="index"/> of <paramref name="file"/>, in file order; empty when it is not SHT_NOTE.
    public static IReadOnlyList<ElfNote> Read(ElfFile file, int index)
    {
        if ((uint)index >= (uint)file.Sections.Length || file.Sections[index].sh_type != Elf64.SHT_NOTE)
            return [];
        var data = file.SectionData(index);
        var notes = new List<ElfNote>();
        var at = 0;
        while (data.Length - at >= NhdrSize)
        {
            var namesz = BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);
            var descsz = BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 4)..]);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 8)..]);
            var name = (ulong)at + NhdrSize;
            var desc = name + Align4(namesz);
            var end = desc + Align4(descsz);
            if (end > (ulong)data.Length)
                break;
            notes.Add(new ElfNote(ElfFile.Decode(ElfFile.CString(data.Slice((int)name, (int)namesz), 0)), type,
                data.Slice((int)desc, (int)descsz).ToArray()));
            at = (int)end;
        }
        return notes;
    }

    private static ulong Align4(uint size) => ((ulong)size + 3) & ~3UL;
}
