// .gnu.linkonce.this_module (struct module in the file): whether modpost's .mod.c wired init and
// exit, i.e. whether .rela.gnu.linkonce.this_module relocates offsetof(struct module, init) = 0x138
// and offsetof(struct module, exit) = 0x4b0 (Debian 6.12 amd64 layout), and to which symbols.
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class ThisModule
{
    public const ulong OffsetofInit = 0x138;
    public const ulong OffsetofExit = 0x4b0;

    public static (string? Init, string? Exit) InitExit(LoadInfo info)
    {
        string? init = null, exit = null;
        foreach (var rela in RelaEntries.For(info, info.IndexMod))
        {
            if (rela.r_offset != OffsetofInit && rela.r_offset != OffsetofExit)
                continue;
            var name = RelaEntries.Symbol(info, rela) is { } sym ? ElfFile.Decode(info.SymbolName(sym)) : "";
            if (rela.r_offset == OffsetofInit)
                init = name;
            else
                exit = name;
        }
        return (init, exit);
    }
}
