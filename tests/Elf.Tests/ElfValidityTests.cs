// Each check of elf_validity_cache_copy and module_sig_check refuses the image it should, with the
// kernel's errno and exact log line (texts from kernel/module/main.c; the first three are also in
// the oracle's scenario k).
namespace ModActors.Elf.Tests;

public class ElfValidityTests
{
    private static readonly byte[] Slow = Fixtures.Bytes("slow.ko");

    private static void AssertNoExec(byte[] image, string log)
    {
        var r = Fixtures.Rejection(image);
        Assert.Equal(8, r.Errno);
        Assert.Equal("ENOEXEC", r.ErrnoName);
        Assert.Equal(log, r.Log);
    }

    [Fact]
    public void A_24_byte_text_file_is_too_short_for_an_elf_header() =>
        AssertNoExec(Fixtures.Bytes("notelf.ko"), "Invalid ELF header len 24");

    [Fact]
    public void A_truncated_module_has_its_section_headers_outside_the_file() =>
        AssertNoExec(Fixtures.Bytes("trunc.ko"), "Invalid ELF section header overflow");

    [Fact]
    public void A_compressed_module_read_without_the_compressed_flag_has_no_elf_magic() =>
        AssertNoExec(Fixtures.Bytes("slow.ko.xz"), "Invalid ELF header magic: != \x7f" + "ELF");

    [Fact]
    public void A_non_relocatable_type_is_refused() => AssertNoExec(Fixtures.Patch16(Slow, 16, 2), "Invalid ELF header type: 2 != 1");

    [Fact]
    public void Another_architecture_is_refused() =>
        AssertNoExec(Fixtures.Patch16(Slow, 18, 183), "Invalid architecture in ELF header: 183");

    [Fact]
    public void A_wrong_section_header_size_is_refused() =>
        AssertNoExec(Fixtures.Patch16(Slow, 58, 40), "Invalid ELF section header size");

    [Fact]
    public void A_section_header_offset_past_the_end_is_refused() =>
        AssertNoExec(Fixtures.Patch64(Slow, 40, (ulong)Slow.Length), "Invalid ELF section header overflow");

    [Fact]
    public void No_section_headers_at_all_fail_at_the_section_name_index()
    {
        var shstrndx = BitConverter.ToUInt16(Slow, 62);
        AssertNoExec(Fixtures.Patch16(Slow, 60, 0), $"Invalid ELF section name index: {shstrndx} || e_shstrndx ({shstrndx}) >= e_shnum (0)");
    }

    [Fact]
    public void Section_zero_must_be_null() =>
        AssertNoExec(Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, 0) + 4, 1),
            "ELF Spec violation: section 0 type(1)!=SH_NULL or non-zero len or addr");

    [Fact]
    public void A_section_reaching_past_the_end_of_the_file_is_refused()
    {
        var i = Fixtures.SectionIndex(Slow, ".modinfo");
        AssertNoExec(Fixtures.Patch64(Slow, Fixtures.Shdr(Slow, i) + 32, ulong.MaxValue),
            $"Invalid ELF section in module (section {i} type 1)");
    }

    [Fact]
    public void The_section_name_index_must_name_a_string_table()
    {
        var shnum = Fixtures.Shnum(Slow);
        AssertNoExec(Fixtures.Patch16(Slow, 62, (ushort)shnum),
            $"Invalid ELF section name index: {shnum} || e_shstrndx ({shnum}) >= e_shnum ({shnum})");
        AssertNoExec(Fixtures.Patch16(Slow, 62, 1), "Invalid ELF section name table type: 1");
    }

    [Fact]
    public void The_section_name_table_must_end_with_a_nul()
    {
        var shstrndx = BitConverter.ToUInt16(Slow, 62);
        var hdr = Fixtures.Shdr(Slow, shstrndx);
        var offset = BitConverter.ToUInt64(Slow, hdr + 24);
        var size = BitConverter.ToUInt64(Slow, hdr + 32);
        var copy = (byte[])Slow.Clone();
        copy[offset + size - 1] = (byte)'x';
        AssertNoExec(copy, "ELF Spec violation: section name table isn't null terminated");
        AssertNoExec(Fixtures.Patch64(Slow, hdr + 32, 0), "empty section name table");
    }

    [Fact]
    public void A_section_name_outside_the_name_table_is_refused()
    {
        AssertNoExec(Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, 1), 0x7fffffff), "Invalid ELF section name in module (section 1 type 1)");
    }

    [Fact]
    public void Two_modinfo_sections_are_refused() =>
        AssertNoExec(Rename(Slow, ".rodata", ".modinfo"), "Only one .modinfo section must exist.");

    [Fact]
    public void The_this_module_section_must_exist_once_with_contents_memory_and_the_kernel_size()
    {
        var i = Fixtures.SectionIndex(Slow, ".gnu.linkonce.this_module");
        var hdr = Fixtures.Shdr(Slow, i);
        AssertNoExec(Rename(Slow, ".gnu.linkonce.this_module", ".rodata"),
            "module slow: Exactly one .gnu.linkonce.this_module section must exist.");
        AssertNoExec(Fixtures.Patch32(Slow, hdr + 4, 8), "module slow: .gnu.linkonce.this_module section must have a size set");
        AssertNoExec(Fixtures.Patch64(Slow, hdr + 8, 1),
            "module slow: .gnu.linkonce.this_module must occupy memory during process execution");
        AssertNoExec(Fixtures.Patch64(Slow, hdr + 32, 1024),
            "module slow: .gnu.linkonce.this_module section size must match the kernel's built struct module size at run time");
    }

    [Fact]
    public void Without_a_modinfo_name_the_messages_say_so() =>
        AssertNoExec(Rename(Rename(Slow, ".modinfo", ".rodata"), ".gnu.linkonce.this_module", ".rodata"),
            "module (missing .modinfo section or name field): Exactly one .gnu.linkonce.this_module section must exist.");

    [Fact]
    public void A_module_needs_exactly_one_symbol_table()
    {
        var symtab = Fixtures.SectionIndex(Slow, ".symtab");
        AssertNoExec(Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, symtab) + 4, 1), "slow: module has no symbols (stripped?)");
        var strtab = Fixtures.SectionIndex(Slow, ".strtab");
        AssertNoExec(Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, strtab) + 4, 2), "slow: module has no symbols (stripped?)");
    }

    [Fact]
    public void The_symbol_string_table_link_must_be_a_string_table()
    {
        var symtab = Fixtures.SectionIndex(Slow, ".symtab");
        var shnum = Fixtures.Shnum(Slow);
        AssertNoExec(Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, symtab) + 40, 0),
            $"Invalid ELF sh_link!=SHN_UNDEF(0) or (sh_link(0) >= hdr->e_shnum({shnum})");
        AssertNoExec(Fixtures.Patch32(Slow, Fixtures.Shdr(Slow, symtab) + 40, 1), "Invalid ELF symbol string table type: 1");
    }

    [Fact]
    public void Early_checks_refuse_a_blacklisted_name_a_foreign_vermagic_and_a_wrong_module_layout_crc()
    {
        var black = Fixtures.Rejection(Slow, new ModuleReadOptions { ModuleBlacklist = ["slow"] });
        Assert.Equal((1, "Module slow is blacklisted"), (black.Errno, black.Log));

        var magic = Fixtures.Rejection(Slow, new ModuleReadOptions { KernelVermagic = "6.12.117+deb12-amd64 SMP mod_unload " });
        Assert.Equal(8, magic.Errno);
        Assert.Equal($"slow: version magic '{ModuleReadOptions.DebianVermagic}' should be '6.12.117+deb12-amd64 SMP mod_unload '", magic.Log);

        var layout = Fixtures.Rejection(Slow, new ModuleReadOptions { ModuleLayoutCrc = 1 });
        Assert.Equal((8, "slow: disagrees about version of symbol module_layout"), (layout.Errno, layout.Log));
    }

    [Fact]
    public void Modversions_let_the_release_differ_and_ignoring_them_forces_the_load()
    {
        Assert.True(KernelModuleReader.Read(Slow, new ModuleReadOptions { KernelVermagic = "6.1.0 SMP preempt mod_unload modversions " }).IsOk);
        var forced = KernelModuleReader.Read(Slow, new ModuleReadOptions { Flags = ModuleInitFlags.IgnoreModversions | ModuleInitFlags.IgnoreVermagic });
        Assert.Equal(["module_layout", "bad vermagic"], forced.ForcedLoadReasons);
    }

    /// Gives section "from" the name of section "to" by copying its sh_name.
    private static byte[] Rename(byte[] image, string from, string to)
    {
        var target = BitConverter.ToUInt32(image, Fixtures.Shdr(image, Fixtures.SectionIndex(image, to)));
        return Fixtures.Patch32(image, Fixtures.Shdr(image, Fixtures.SectionIndex(image, from)), target);
    }
}
