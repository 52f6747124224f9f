// elf_validity_cache_copy (kernel/module/main.c) and the checks it calls: elf_validity_ehdr,
// elf_validity_cache_sechdrs, elf_validity_cache_secstrings, elf_validity_cache_index_info/_mod/_sym/_str.
// Same order, same errno, same log text. Where the kernel trusts a field we still bound it, so a
// malformed image ends in a rejection or a parse, never an exception.
using System.Buffers.Binary;
using ModActors.Elf.Format;

namespace ModActors.Elf;

internal static class ElfValidity
{
    private const string NoName = "(missing .modinfo section or name field)";

    public static ModuleRejection? elf_validity_cache_copy(ReadOnlyMemory<byte> image, ModuleReadOptions options,
        out LoadInfo? info)
    {
        info = null;
        var err = elf_validity_cache_sechdrs(image, options, out var file);
        if (err is not null)
            return err;
        var li = new LoadInfo(file!);
        err = elf_validity_cache_secstrings(li)
              ?? elf_validity_cache_index_info(li)
              ?? elf_validity_cache_index_mod(li, options)
              ?? elf_validity_cache_index_sym(li)
              ?? elf_validity_cache_index_str(li);
        if (err is not null)
            return err;

        li.Name ??= ThisModuleName(li);
        li.IndexVers = (options.Flags & ModuleInitFlags.IgnoreModversions) != 0 ? 0 : li.FindSec("__versions"u8);
        li.IndexPcpu = li.FindSec(".data..percpu"u8);
        info = li;
        return null;
    }

    /// The struct module name field (char name[MODULE_NAME_LEN] at offset 24) of .gnu.linkonce.this_module.
    public static string ThisModuleName(LoadInfo info)
    {
        var mod = info.File.SectionData(info.IndexMod);
        const int nameOffset = 24, nameLen = 56;
        if (mod.Length < nameOffset)
            return "";
        return ElfFile.Decode(ElfFile.CString(mod.Slice(nameOffset, Math.Min(nameLen, mod.Length - nameOffset)), 0));
    }

    private static ModuleRejection? elf_validity_ehdr(ReadOnlySpan<byte> image, ModuleReadOptions options)
    {
        const string stage = nameof(elf_validity_ehdr);
        if (image.Length < Elf64.Elf64_Ehdr_size)
            return ModuleRejection.NoExec(stage, $"Invalid ELF header len {image.Length}");
        if (!image[..Elf64.SELFMAG].SequenceEqual(Elf64.ELFMAG))
            return ModuleRejection.NoExec(stage, "Invalid ELF header magic: != \x7f" + "ELF");
        var e_type = BinaryPrimitives.ReadUInt16LittleEndian(image[16..]);
        if (e_type != Elf64.ET_REL)
            return ModuleRejection.NoExec(stage, $"Invalid ELF header type: {e_type} != {Elf64.ET_REL}");
        var e_machine = BinaryPrimitives.ReadUInt16LittleEndian(image[18..]);
        if (!elf_check_arch(image, options))
            return ModuleRejection.NoExec(stage, $"Invalid architecture in ELF header: {e_machine}");
        return null;
    }

    /// x86-64's elf_check_arch: e_machine == EM_X86_64 (the kernel's ELF_CLASS/ELF_DATA are checked by
    /// the arch's elf_check_arch on x86-64 only through e_machine).
    private static bool elf_check_arch(ReadOnlySpan<byte> image, ModuleReadOptions options) =>
        BinaryPrimitives.ReadUInt16LittleEndian(image[18..]) == options.Machine;

    private static ModuleRejection? elf_validity_cache_sechdrs(ReadOnlyMemory<byte> image, ModuleReadOptions options,
        out ElfFile? file)
    {
        const string stage = nameof(elf_validity_cache_sechdrs);
        file = null;
        var span = image.Span;
        var err = elf_validity_ehdr(span, options);
        if (err is not null)
            return err;
        var hdr = Elf64_Ehdr.Read(span);
        if (hdr.e_shentsize != Elf64.Elf64_Shdr_size)
            return ModuleRejection.NoExec(stage, "Invalid ELF section header size");
        var len = (ulong)image.Length;
        if (hdr.e_shoff >= len || (ulong)hdr.e_shnum * Elf64.Elf64_Shdr_size > len - hdr.e_shoff)
            return ModuleRejection.NoExec(stage, "Invalid ELF section header overflow");
        // With e_shnum == 0 the kernel still reads sechdrs[0], possibly past info->len; we read the bytes
        // that exist and take the rest as zero.
        Span<byte> first = stackalloc byte[Elf64.Elf64_Shdr_size];
        first.Clear();
        span[(int)hdr.e_shoff..].Slice(0, Math.Min(Elf64.Elf64_Shdr_size, span.Length - (int)hdr.e_shoff)).CopyTo(first);
        var s0 = Elf64_Shdr.Read(first);
        if (s0.sh_type != Elf64.SHT_NULL || s0.sh_size != 0 || s0.sh_addr != 0)
            return ModuleRejection.NoExec(stage,
                $"ELF Spec violation: section 0 type({(int)s0.sh_type})!=SH_NULL or non-zero len or addr");
        var f = ElfFile.Create(image);

        for (var i = 1; i < hdr.e_shnum; i++)
        {
            var s = f.Sections[i];
            if (s.sh_type is Elf64.SHT_NULL or Elf64.SHT_NOBITS)
                continue;
            if (!validate_section_offset(s, len))
                return ModuleRejection.NoExec(stage, $"Invalid ELF section in module (section {i} type {s.sh_type})");
        }
        file = f;
        return null;
    }

    private static bool validate_section_offset(in Elf64_Shdr shdr, ulong len)
    {
        var secend = shdr.sh_offset + shdr.sh_size;
        return secend >= shdr.sh_offset && secend <= len;
    }

    private static ModuleRejection? elf_validity_cache_secstrings(LoadInfo info)
    {
        const string stage = nameof(elf_validity_cache_secstrings);
        var hdr = info.File.Header;
        if (hdr.e_shstrndx == Elf64.SHN_UNDEF || hdr.e_shstrndx >= hdr.e_shnum)
            return ModuleRejection.NoExec(stage,
                $"Invalid ELF section name index: {hdr.e_shstrndx} || e_shstrndx ({hdr.e_shstrndx}) >= e_shnum ({hdr.e_shnum})");
        var strhdr = info.Sechdrs[hdr.e_shstrndx];
        if (strhdr.sh_type != Elf64.SHT_STRTAB)
            return ModuleRejection.NoExec(stage, $"Invalid ELF section name table type: {strhdr.sh_type}");
        if (strhdr.sh_size == 0)
            return ModuleRejection.NoExec(stage, "empty section name table");
        if (info.File.SectionData(hdr.e_shstrndx)[^1] != 0)
            return ModuleRejection.NoExec(stage, "ELF Spec violation: section name table isn't null terminated");
        for (var i = 0; i < hdr.e_shnum; i++)
        {
            var s = info.Sechdrs[i];
            if (s.sh_type == Elf64.SHT_NULL)
                continue;
            if (s.sh_name >= strhdr.sh_size)
                return ModuleRejection.NoExec(stage, $"Invalid ELF section name in module (section {i} type {s.sh_type})");
        }
        return null;
    }

    private static ModuleRejection? elf_validity_cache_index_info(LoadInfo info)
    {
        var idx = info.FindAnyUniqueSec(".modinfo"u8);
        if (idx == 0)
            return null;
        if (idx < 0)
            return ModuleRejection.NoExec(nameof(elf_validity_cache_index_info), "Only one .modinfo section must exist.");
        info.IndexInfo = idx;
        info.Name = ModInfo.GetModinfo(info.File.SectionData(idx), "name"u8) is { } name ? ElfFile.Decode(name) : null;
        return null;
    }

    private static ModuleRejection? elf_validity_cache_index_mod(LoadInfo info, ModuleReadOptions options)
    {
        const string stage = nameof(elf_validity_cache_index_mod);
        var name = info.Name ?? NoName;
        var idx = info.FindAnyUniqueSec(".gnu.linkonce.this_module"u8);
        if (idx <= 0)
            return ModuleRejection.NoExec(stage, $"module {name}: Exactly one .gnu.linkonce.this_module section must exist.");
        var s = info.Sechdrs[idx];
        if (s.sh_type == Elf64.SHT_NOBITS)
            return ModuleRejection.NoExec(stage, $"module {name}: .gnu.linkonce.this_module section must have a size set");
        if ((s.sh_flags & Elf64.SHF_ALLOC) == 0)
            return ModuleRejection.NoExec(stage,
                $"module {name}: .gnu.linkonce.this_module must occupy memory during process execution");
        if (s.sh_size != (ulong)options.StructModuleSize)
            return ModuleRejection.NoExec(stage,
                $"module {name}: .gnu.linkonce.this_module section size must match the kernel's built struct module size at run time");
        info.IndexMod = idx;
        return null;
    }

    private static ModuleRejection? elf_validity_cache_index_sym(LoadInfo info)
    {
        var count = 0;
        var symIdx = 0;
        for (var i = 1; i < info.Shnum; i++)
        {
            if (info.Sechdrs[i].sh_type == Elf64.SHT_SYMTAB)
            {
                count++;
                symIdx = i;
            }
        }
        if (count != 1)
            return ModuleRejection.NoExec(nameof(elf_validity_cache_index_sym),
                $"{info.Name ?? NoName}: module has no symbols (stripped?)");
        info.IndexSym = symIdx;
        return null;
    }

    private static ModuleRejection? elf_validity_cache_index_str(LoadInfo info)
    {
        const string stage = nameof(elf_validity_cache_index_str);
        var strIdx = info.Sechdrs[info.IndexSym].sh_link;
        if (strIdx == Elf64.SHN_UNDEF || strIdx >= info.Shnum)
            return ModuleRejection.NoExec(stage,
                $"Invalid ELF sh_link!=SHN_UNDEF({(int)strIdx}) or (sh_link({(int)strIdx}) >= hdr->e_shnum({info.Shnum})");
        if (info.Sechdrs[strIdx].sh_type != Elf64.SHT_STRTAB)
            return ModuleRejection.NoExec(stage, $"Invalid ELF symbol string table type: {info.Sechdrs[strIdx].sh_type}");
        info.IndexStr = (int)strIdx;
        return null;
    }
}
