// What the reader extracts from the real fixture modules: names, .modinfo, exports with their
// GPL flag, namespace and CRC, imports, __versions, parameters and init/exit wiring.
namespace ModActors.Elf.Tests;

public class KernelModuleReaderTests
{
    [Fact]
    public void Every_fixture_module_parses_with_the_name_of_its_file()
    {
        foreach (var name in Fixtures.PlainModules)
        {
            var module = Fixtures.Module(name + ".ko");
            Assert.Equal(name, module.Name);
            Assert.Equal(name, module.ModInfo.Name);
        }
    }

    [Fact]
    public void Modinfo_fields_keep_file_order_and_typed_accessors_read_them()
    {
        var slow = Fixtures.Module("slow.ko");
        Assert.Equal("GPL", slow.ModInfo.License);
        Assert.Equal(ModuleReadOptions.DebianVermagic, slow.ModInfo.Vermagic);
        Assert.Equal(["modactors-slow"], slow.ModInfo.Aliases);
        Assert.True(slow.ModInfo.Retpoline);
        Assert.False(slow.ModInfo.InTree);
        Assert.Equal("description", slow.ModInfo.Entries[0].Key);
        Assert.Equal(["expa"], Fixtures.Module("nsok.ko").ModInfo.Depends);
        Assert.Equal(["EXPA_NS"], Fixtures.Module("nsok.ko").ModInfo.ImportNs);
        Assert.Equal("Proprietary", Fixtures.Module("propc.ko").ModInfo.License);
        Assert.False(Fixtures.Module("propc.ko").ModInfo.IsGplCompatible);
        Assert.True(slow.ModInfo.IsGplCompatible);
    }

    [Fact]
    public void Exports_carry_gpl_flag_namespace_and_the_crc_importers_expect()
    {
        var expa = Fixtures.Module("expa.ko");
        var byName = expa.Exports.ToDictionary(e => e.Name);
        Assert.Equal(3, expa.Exports.Count);
        Assert.False(byName["expa_value"].IsGplOnly);
        Assert.True(byName["expa_gpl"].IsGplOnly);
        Assert.Equal("EXPA_NS", byName["expa_ns"].Namespace);
        Assert.Equal("", byName["expa_value"].Namespace);

        var useb = Fixtures.Module("useb.ko");
        var expected = useb.Versions.Single(v => v.Name == "expa_value").Crc;
        Assert.Equal((uint)expected, byName["expa_value"].Crc);
        var nsok = Fixtures.Module("nsok.ko");
        Assert.Equal((uint)nsok.Versions.Single(v => v.Name == "expa_ns").Crc, byName["expa_ns"].Crc);
    }

    [Fact]
    public void Undefined_symbols_are_what_the_module_imports_and_versions_cover_them_plus_module_layout()
    {
        var useb = Fixtures.Module("useb.ko");
        Assert.Contains(useb.UndefinedSymbols, u => u.Name == "expa_value" && !u.IsWeak);
        Assert.Contains(useb.UndefinedSymbols, u => u.Name == "_printk");
        var versioned = useb.Versions.Select(v => v.Name).Order(StringComparer.Ordinal);
        var expected = useb.UndefinedSymbols.Select(u => u.Name).Append("module_layout").Order(StringComparer.Ordinal);
        Assert.Equal(expected, versioned);
        Assert.Equal(0x2f9b2b9aUL, useb.Versions.Single(v => v.Name == "module_layout").Crc);
    }

    [Fact]
    public void Parameters_come_from_param_with_type_permission_and_description()
    {
        var slow = Fixtures.Module("slow.ko");
        var delay = slow.Params.Single(p => p.Name == "delay_ms");
        Assert.Equal("int", delay.Type);
        Assert.Equal(0x124, delay.Perm); // 0444
        Assert.Equal("param_ops_int", delay.OpsSymbol);
        Assert.Equal("milliseconds init sleeps before returning", delay.Description);
        Assert.Equal(["delay_ms", "exit_delay_ms", "ret"], slow.Params.Select(p => p.Name).Order(StringComparer.Ordinal));
        var veto = Fixtures.Module("notif.ko").Params.Single(p => p.Name == "veto");
        Assert.Equal(0x1a4, veto.Perm); // 0644
    }

    [Fact]
    public void Init_and_exit_are_wired_only_when_the_module_defines_them()
    {
        var slow = Fixtures.Module("slow.ko");
        Assert.Equal("init_module", slow.InitSymbol);
        Assert.Equal("cleanup_module", slow.ExitSymbol);
        var noexit = Fixtures.Module("noexit.ko");
        Assert.True(noexit.HasInit);
        Assert.False(noexit.HasExit);
    }

    [Fact]
    public void Sections_list_every_header_with_flags()
    {
        var slow = Fixtures.Module("slow.ko");
        Assert.Equal(0u, slow.Sections[0].Type);
        var thisModule = slow.Sections.Single(s => s.Name == ".gnu.linkonce.this_module");
        Assert.True(thisModule.IsAlloc && thisModule.IsWrite && !thisModule.IsExec);
        Assert.Equal(1280UL, thisModule.Size);
        Assert.True(slow.Sections.Single(s => s.Name == ".init.text").IsExec);
    }

    [Fact]
    public void Ignore_modversions_hides_versions_from_the_load()
    {
        var module = Fixtures.Module("slow.ko", new ModuleReadOptions { Flags = ModuleInitFlags.IgnoreModversions });
        Assert.False(module.HasVersions);
        Assert.Empty(module.Versions);
    }

    [Fact]
    public void Check_version_accepts_the_recorded_crc_and_words_a_mismatch_like_the_kernel()
    {
        var useb = Fixtures.Module("useb.ko");
        var crc = (uint)useb.Versions.Single(v => v.Name == "expa_value").Crc;
        Assert.Null(useb.CheckVersion("expa_value", crc, out var forced));
        Assert.False(forced);
        Assert.Null(useb.CheckVersion("expa_value", null, out _));
        Assert.Equal("useb: disagrees about version of symbol expa_value", useb.CheckVersion("expa_value", crc + 1, out _));
        Assert.Equal("useb: no symbol version for expa_gpl", useb.CheckVersion("expa_gpl", 5, out _));
        var ignoring = Fixtures.Module("useb.ko", new ModuleReadOptions { Flags = ModuleInitFlags.IgnoreModversions });
        Assert.Null(ignoring.CheckVersion("expa_value", crc + 1, out var forcedLoad));
        Assert.True(forcedLoad);
    }

    [Fact]
    public void Without_module_signing_the_trailer_is_left_on_the_image_and_ignored()
    {
        var signed = Fixtures.Module("slow.signed.ko", new ModuleReadOptions { ModuleSig = false });
        Assert.Equal(Fixtures.Bytes("slow.signed.ko").Length, signed.ImageLength);
        Assert.Equal(SignatureStatus.Unsigned, signed.Signature.Status);
        Assert.Equal(Fixtures.Module("slow.ko").Layout.TotalSize, signed.Layout.TotalSize);
    }
}
