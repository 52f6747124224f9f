// struct kmod_modversion (libkmod-internal.h): one symbol name with its CRC and binding, as
// kmod_elf_get_symbols and kmod_elf_get_dependency_symbols return them.
namespace ModActors.Elf.Depmod;

/// enum kmod_symbol_bind: the characters kmod uses for a symbol's binding.
internal enum KmodSymbolBind : byte
{
    None = (byte)'\0',
    Local = (byte)'L',
    Global = (byte)'G',
    Weak = (byte)'W',
    Undef = (byte)'U',
}

internal readonly record struct KmodModversion(string Symbol, ulong Crc, KmodSymbolBind Bind);
