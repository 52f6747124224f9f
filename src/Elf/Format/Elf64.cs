// Constants of the ELF-64 format and of the x86-64 psABI, named as in <elf.h> and the kernel's
// include/uapi/linux/elf.h, so code reading them reads like the kernel's.
namespace ModActors.Elf.Format;

#pragma warning disable CA1707 // names follow elf.h
internal static class Elf64
{
    public const int EI_NIDENT = 16;
    public const int EI_CLASS = 4;
    public const int EI_DATA = 5;
    public const byte ELFCLASS64 = 2;
    public const byte ELFDATA2LSB = 1;
    public static ReadOnlySpan<byte> ELFMAG => [0x7f, (byte)'E', (byte)'L', (byte)'F'];
    public const int SELFMAG = 4;

    public const ushort ET_REL = 1;
    public const ushort EM_X86_64 = 62;

    public const int Elf64_Ehdr_size = 64;
    public const int Elf64_Shdr_size = 64;
    public const int Elf64_Sym_size = 24;
    public const int Elf64_Rela_size = 24;

    public const uint SHT_NULL = 0;
    public const uint SHT_PROGBITS = 1;
    public const uint SHT_SYMTAB = 2;
    public const uint SHT_STRTAB = 3;
    public const uint SHT_RELA = 4;
    public const uint SHT_NOTE = 7;
    public const uint SHT_NOBITS = 8;
    public const uint SHT_REL = 9;

    public const ulong SHF_WRITE = 0x1;
    public const ulong SHF_ALLOC = 0x2;
    public const ulong SHF_EXECINSTR = 0x4;
    public const ulong SHF_RELA_LIVEPATCH = 0x00100000;
    public const ulong SHF_RO_AFTER_INIT = 0x00200000;
    public const ulong ARCH_SHF_SMALL = 0;

    public const ushort SHN_UNDEF = 0;
    public const ushort SHN_LIVEPATCH = 0xff20;
    public const ushort SHN_ABS = 0xfff1;
    public const ushort SHN_COMMON = 0xfff2;

    public const byte STB_LOCAL = 0;
    public const byte STB_GLOBAL = 1;
    public const byte STB_WEAK = 2;

    public const uint R_X86_64_NONE = 0;
    public const uint R_X86_64_64 = 1;
    public const uint R_X86_64_PC32 = 2;
    public const uint R_X86_64_PLT32 = 4;
    public const uint R_X86_64_32 = 10;
    public const uint R_X86_64_32S = 11;
    public const uint R_X86_64_PC64 = 24;

    public static byte ELF64_ST_BIND(byte st_info) => (byte)(st_info >> 4);
    public static byte ELF64_ST_TYPE(byte st_info) => (byte)(st_info & 0xf);
    public static uint ELF64_R_SYM(ulong r_info) => (uint)(r_info >> 32);
    public static uint ELF64_R_TYPE(ulong r_info) => (uint)(r_info & 0xffffffff);
}
#pragma warning restore CA1707
