using ModActors.Elf;
using Xunit;

namespace ModActors.Kernel.Tests;

public class VersionTests
{
    private const string Debian = "6.12.117+deb12-amd64 SMP preempt mod_unload modversions ";

    private static VersionInfo Info(params ModVersion[] versions) => new("slow", "slow", versions);

    [Fact]
    public void Debian_vermagic_has_its_trailing_space()
    {
        Assert.Equal(Debian, KernelConfig.Debian612.Vermagic);
        Assert.Equal("6.12.117+deb12-amd64 SMP ", (KernelConfig.Debian612 with
        {
            PreemptBuild = false, ModuleUnload = false, Modversions = false,
        }).Vermagic);
    }

    [Theory]
    [InlineData("6.12.117+deb12-amd64 SMP preempt mod_unload modversions ", true, true)]
    [InlineData("6.12.99 SMP preempt mod_unload modversions ", true, true)]
    [InlineData("6.12.99 SMP preempt mod_unload modversions ", false, false)]
    [InlineData("6.12.117+deb12-amd64 SMP mod_unload modversions ", true, false)]
    [InlineData("6.12.117+deb12-amd64 SMP preempt mod_unload modversions", true, false)]
    public void same_magic_skips_the_release_only_when_the_module_has_crcs(string modmagic, bool hasCrcs, bool same)
    {
        Assert.Equal(same, ModuleVersion.same_magic(modmagic, Debian, hasCrcs));
    }

    [Fact]
    public void A_matching_crc_passes_silently()
    {
        var log = new KernelLog();
        ulong taints = 0;
        Assert.True(ModuleVersion.check_version(Info(new ModVersion("expa_value", 0x1234)), "expa_value", 0x1234,
            ref taints, KernelConfig.Debian612, new KernelTaint(), log));
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void A_different_crc_disagrees()
    {
        var log = new KernelLog();
        ulong taints = 0;
        Assert.False(ModuleVersion.check_version(Info(new ModVersion("expa_value", 0x1234)), "expa_value", 0x1235,
            ref taints, KernelConfig.Debian612, new KernelTaint(), log));
        // "%s: disagrees about version of symbol %s\n"
        Assert.Equal(["slow: disagrees about version of symbol expa_value"], log.Texts());
    }

    [Fact]
    public void A_crc_with_high_bits_set_disagrees_as_the_kernel_compares_unsigned_long()
    {
        var log = new KernelLog();
        ulong taints = 0;
        Assert.False(ModuleVersion.check_version(Info(new ModVersion("s", 0x1_0000_1234)), "s", 0x1234,
            ref taints, KernelConfig.Debian612, new KernelTaint(), log));
    }

    [Fact]
    public void A_missing_entry_has_no_symbol_version()
    {
        var log = new KernelLog();
        ulong taints = 0;
        Assert.False(ModuleVersion.check_version(Info(), "expa_value", 7, ref taints, KernelConfig.Debian612,
            new KernelTaint(), log));
        // "%s: no symbol version for %s\n"
        Assert.Equal(["slow: no symbol version for expa_value"], log.Texts());
    }

    [Fact]
    public void An_exporter_without_crcs_always_passes()
    {
        var log = new KernelLog();
        ulong taints = 0;
        Assert.True(ModuleVersion.check_version(Info(), "x", null, ref taints, KernelConfig.Debian612, new KernelTaint(), log));
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void Ignoring_modversions_forces_the_load_and_taints_F_once()
    {
        var log = new KernelLog();
        var taint = new KernelTaint();
        ulong taints = 0;
        VersionInfo info = VersionInfo.Create("slow", "slow", [new ModVersion("module_layout", ModuleVersion.ModuleLayoutCrc)],
            ModuleInitFlags.IgnoreModversions);

        Assert.True(ModuleVersion.check_modstruct_version(info, ref taints, KernelConfig.Debian612, taint, log));
        Assert.True(ModuleVersion.check_version(info, "printk", 5, ref taints, KernelConfig.Debian612, taint, log));

        Assert.Equal(["slow: module_layout: kernel tainted.", "Disabling lock debugging due to kernel taint"], log.Texts());
        Assert.Equal("F", Taint.module_flags_taint(taints));
        Assert.True(taint.test_taint(TaintFlag.ForcedModule));
    }

    [Fact]
    public void Without_force_load_a_module_without_versions_is_refused()
    {
        ulong taints = 0;
        var config = KernelConfig.Debian612 with { ModuleForceLoad = false };
        Assert.False(ModuleVersion.check_modstruct_version(new VersionInfo("slow", "slow", null), ref taints, config,
            new KernelTaint(), new KernelLog()));
        Assert.Equal(0UL, taints);
    }

    [Fact]
    public void check_modstruct_version_compares_module_layout()
    {
        ulong taints = 0;
        var log = new KernelLog();
        Assert.True(ModuleVersion.check_modstruct_version(Info(new ModVersion("module_layout", 0x2f9b2b9a)), ref taints,
            KernelConfig.Debian612, new KernelTaint(), log));
        Assert.False(ModuleVersion.check_modstruct_version(Info(new ModVersion("module_layout", 1)), ref taints,
            KernelConfig.Debian612, new KernelTaint(), log));
        Assert.Equal(["slow: disagrees about version of symbol module_layout"], log.Texts());
    }

    [Fact]
    public void A_wrong_vermagic_is_ENOEXEC_with_the_kernel_message()
    {
        var log = new KernelLog();
        ulong taints = 0;
        int err = ModuleVersion.check_modinfo(Info(), "6.1.0 SMP mod_unload ", 0, ref taints, KernelConfig.Debian612,
            new KernelTaint(), log);
        Assert.Equal(-Errno.ENOEXEC, err);
        // "%s: version magic '%s' should be '%s'\n"
        Assert.Equal([$"slow: version magic '6.1.0 SMP mod_unload ' should be '{Debian}'"], log.Texts());
    }

    [Fact]
    public void Ignoring_vermagic_forces_the_load_with_bad_vermagic()
    {
        var log = new KernelLog();
        ulong taints = 0;
        int err = ModuleVersion.check_modinfo(Info(), "garbage", ModuleInitFlags.IgnoreVermagic, ref taints,
            KernelConfig.Debian612, new KernelTaint(), log);
        Assert.Equal(0, err);
        Assert.Equal(["slow: bad vermagic: kernel tainted.", "Disabling lock debugging due to kernel taint"], log.Texts());
    }

    [Fact]
    public void A_module_without_crcs_must_match_the_release_too()
    {
        ulong taints = 0;
        var log = new KernelLog();
        Assert.Equal(-Errno.ENOEXEC, ModuleVersion.check_modinfo(new VersionInfo("slow", "slow", null),
            "6.12.99 SMP preempt mod_unload modversions ", 0, ref taints, KernelConfig.Debian612, new KernelTaint(), log));
        Assert.Equal(0, ModuleVersion.check_modinfo(new VersionInfo("slow", "slow", null), Debian, 0, ref taints,
            KernelConfig.Debian612, new KernelTaint(), log));
    }
}
