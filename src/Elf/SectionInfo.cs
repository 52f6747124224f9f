// One section header of the module image, as a value (Elf64_Shdr plus its name).
namespace ModActors.Elf;

/// <summary>A section of the module image.</summary>
/// <param name="Index">Its index in the section header table.</param>
/// <param name="Name">Its name from the section name table.</param>
/// <param name="Type">sh_type (SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_RELA = 4, SHT_NOBITS = 8, ...).</param>
/// <param name="Flags">sh_flags as in the file (SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4, ...).</param>
/// <param name="Offset">sh_offset.</param>
/// <param name="Size">sh_size.</param>
/// <param name="AddrAlign">sh_addralign.</param>
/// <param name="EntSize">sh_entsize.</param>
/// <param name="Link">sh_link.</param>
/// <param name="Info">sh_info.</param>
public sealed record SectionInfo(int Index, string Name, uint Type, ulong Flags, ulong Offset, ulong Size,
    ulong AddrAlign, ulong EntSize, uint Link, uint Info)
{
    /// <summary>SHF_ALLOC: occupies memory in the loaded module.</summary>
    public bool IsAlloc => (Flags & 0x2) != 0;
    /// <summary>SHF_WRITE.</summary>
    public bool IsWrite => (Flags & 0x1) != 0;
    /// <summary>SHF_EXECINSTR.</summary>
    public bool IsExec => (Flags & 0x4) != 0;
}
