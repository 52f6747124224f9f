// /proc/kallsyms and /sys/module/NAME/sections of real fixture modules, against the real 6.12 kernel's lines
// (oracle scenario zk, oracle/results/zk_kallsyms_livepatch.txt): the whole symbol table while COMING, the core
// table once live (init symbols gone), lines gone after a failed init or an unload, types and order; and the
// memory protections strict_rwx.c leaves (not visible in /proc or /sys, so asserted as state).
using ModActors.Elf;
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class KallsymsTests
{
    internal static Func<KTask, Task<(string, int)>> Kallsyms(List<string> into) =>
        t => { into.Add(Syscalls.read_proc_kallsyms(t)); return Task.FromResult(("kallsyms", 0)); };

    /// <summary>The lines of one module in a /proc/kallsyms text, address dropped ("t name\t[mod]").</summary>
    internal static List<string> Lines(string text, string module) =>
        [.. text.Split('\n').Where(l => l.EndsWith($"\t[{module}]", StringComparison.Ordinal)).Select(l => l[17..])];

    [Fact]
    public void Slow_shows_its_whole_symtab_while_coming_and_its_core_symbols_once_live()
    {
        var h = RealFiles.With("slow.ko");
        var seen = new List<string>();
        h.Task("a", Finit("/m/slow.ko", "delay_ms=1000"));
        h.Task("look", Sleep(500), Kallsyms(seen), Sleep(1000), Kallsyms(seen));
        h.Run();
        Assert.Equal(0, h.Rc("a"));
        Assert.Equal(OracleZk.Kallsyms("slow", 1), Lines(seen[0], "slow"));
        Assert.Equal(OracleZk.Kallsyms("slow", 2), Lines(seen[1], "slow"));
        Assert.Contains("u _printk\t[slow]", Lines(seen[0], "slow"));
        Assert.DoesNotContain("t slow_init\t[slow]", Lines(seen[1], "slow"));
        Assert.All(seen[1].Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("0000000000000000 ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_init_leaves_no_kallsyms_lines_and_an_unload_removes_them()
    {
        var h = RealFiles.With("slow.ko");
        var seen = new List<string>();
        h.Task("a", Finit("/m/slow.ko", "delay_ms=1000 ret=-5"), Finit("/m/slow.ko"), Delete("slow"));
        h.Task("look", Sleep(500), Kallsyms(seen), Sleep(1000), Kallsyms(seen));
        h.Run();
        Assert.Equal(-Errno.EIO, h.Rc("a"));
        Assert.Equal(OracleZk.Kallsyms("slow", 3), Lines(seen[0], "slow"));
        Assert.Equal("", seen[1]);
        Assert.Equal(0, h.Rc("a", 2));
        Assert.Equal("", Kernel(h));
    }

    [Fact]
    public void Expa_and_useb_once_live_match_the_real_kernel_exported_symbols_upper_case()
    {
        var h = RealFiles.With("expa.ko", "useb.ko");
        h.Task("a", Finit("/m/expa.ko"), Finit("/m/useb.ko"));
        h.Run();
        var text = Kernel(h);
        Assert.Equal(OracleZk.Kallsyms("expa", 1), Lines(text, "expa"));
        Assert.Equal(OracleZk.Kallsyms("useb", 1), Lines(text, "useb"));
        Assert.Contains("T expa_value\t[expa]", Lines(text, "expa"));
        Assert.DoesNotContain("T expa_init\t[expa]", Lines(text, "expa"));
        Assert.Contains("t expa_gpl\t[expa]", Lines(text, "expa"));
        Assert.True(text.IndexOf("[useb]", StringComparison.Ordinal) < text.IndexOf("[expa]", StringComparison.Ordinal),
            "module_get_kallsym walks the modules list newest first");
    }

    [Fact]
    public void Sections_directory_lists_the_loaded_sections_mode_0400()
    {
        var h = RealFiles.With("slow.ko", "useb.ko", "expa.ko");
        h.Task("a", Finit("/m/slow.ko"), Finit("/m/expa.ko"), Finit("/m/useb.ko"));
        h.Run();
        foreach (var m in new[] { "slow", "useb" })
        {
            var mod = h.Kernel.Module(m)!;
            Assert.Equal(OracleZk.Sections(m), Sysfs.list(mod, "sections"));
            Assert.All(Sysfs.list_entries(mod, "sections"), e => Assert.Equal(0x100, e.Mode));
            Assert.Equal("0x0000000000000000\n", Sysfs.read(mod, "sections/.strtab").Text);
        }
        Assert.Contains("sections", Sysfs.list(h.Kernel.Module("slow")!));
        Assert.Equal(-Errno.ENOENT, Sysfs.read(h.Kernel.Module("slow")!, "sections/.text").Error);
    }

    [Fact]
    public void With_addresses_shown_symbols_and_sections_agree_on_where_the_module_went()
    {
        var h = RealFiles.With(new KernelConfig { ShowKernelAddresses = true }, "expa.ko");
        h.Task("a", Finit("/m/expa.ko"));
        h.Run();
        var mod = h.Kernel.Module("expa")!;
        var text = Sysfs.read(mod, "sections/.text", showAddresses: true).Text;
        var textAddr = Convert.ToUInt64(text.Trim()[2..], 16);
        var line = Kernel(h).Split('\n').Single(l => l.EndsWith(" T expa_value\t[expa]", StringComparison.Ordinal));
        Assert.Equal(textAddr + 0x10, Convert.ToUInt64(line[..16], 16));
        Assert.True(textAddr >= 0xffffffffc0000000);
        Assert.Equal(4096u, mod.Memory[(int)ModMemType.Text].Size);
        Assert.Contains($"expa 12288 0 - Live 0x{mod.Address:x16}", h.ProcModules(), StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_rwx_protections_at_formation_and_after_init_then_init_memory_freed()
    {
        var h = RealFiles.With("slow.ko");
        ModuleSnapshot? coming = null;
        h.Task("a", Finit("/m/slow.ko", "delay_ms=1000"));
        h.Task("look", Sleep(500), t => { coming = h.Kernel.Module("slow"); return Task.FromResult(("peek", 0)); });
        h.Run();
        var live = h.Kernel.Module("slow")!;
        var c = coming!.Memory;
        Assert.Equal(ModuleState.Coming, coming.State);
        Assert.Equal(KallsymsTable.Symtab, coming.Kallsyms);
        Assert.Equal((false, true), (c[(int)ModMemType.Text].Writable, c[(int)ModMemType.Text].Executable));
        Assert.Equal((false, true), (c[(int)ModMemType.InitText].Writable, c[(int)ModMemType.InitText].Executable));
        Assert.Equal((false, false), (c[(int)ModMemType.Rodata].Writable, c[(int)ModMemType.Rodata].Executable));
        Assert.Equal((true, false), (c[(int)ModMemType.Data].Writable, c[(int)ModMemType.Data].Executable));
        Assert.False(c[(int)ModMemType.RoAfterInit].Allocated);
        Assert.Equal(8192u, coming.InitSize);
        var l = live.Memory;
        Assert.Equal(KallsymsTable.Core, live.Kallsyms);
        Assert.All(new[] { ModMemType.InitText, ModMemType.InitData, ModMemType.InitRodata },
            t => Assert.Equal((0u, false), (l[(int)t].Size, l[(int)t].Allocated)));
        Assert.Equal(0u, live.InitSize);
        Assert.Equal("slow 12288 0 - Live 0x0000000000000000 (OE)\n", h.ProcModules());
        Assert.Equal(FtraceRecords.Enabled, live.Ftrace);
    }

    [Fact]
    public void Ro_after_init_memory_becomes_read_only_only_after_init()
    {
        var mod = new ModuleInstance(1, new ModuleDefinition { Name = "m" }, new ModuleParams([]));
        mod.Mem[(int)ModMemType.RoAfterInit].Size = 4096;
        mod.Mem[(int)ModMemType.RoAfterInit].Allocated = true;
        var config = new KernelConfig();
        StrictRwx.module_enable_rodata_ro(config, mod, afterInit: false);
        StrictRwx.module_enable_data_nx(config, mod);
        Assert.Equal((true, false), (mod.Mem[(int)ModMemType.RoAfterInit].Writable, mod.Mem[(int)ModMemType.RoAfterInit].Executable));
        StrictRwx.module_enable_rodata_ro(config, mod, afterInit: true);
        Assert.False(mod.Mem[(int)ModMemType.RoAfterInit].Writable);
        StrictRwx.module_enable_rodata_ro(config, mod, afterInit: true);
        Assert.False(mod.Mem[(int)ModMemType.Rodata].Writable is false && !mod.Mem[(int)ModMemType.Rodata].Allocated,
            "module_set_memory skips a type without memory");
    }

    [Fact]
    public void Without_strict_module_rwx_text_stays_writable_and_rodata_writable()
    {
        var h = RealFiles.With(new KernelConfig { StrictModuleRwx = false }, "expa.ko");
        h.Task("a", Finit("/m/expa.ko"));
        h.Run();
        var m = h.Kernel.Module("expa")!.Memory;
        Assert.Equal((true, true), (m[(int)ModMemType.Text].Writable, m[(int)ModMemType.Text].Executable));
        Assert.True(m[(int)ModMemType.Rodata].Writable);
    }

    [Fact]
    public void Synthetic_modules_have_no_kallsyms_lines_but_their_memory_is_protected_and_freed()
    {
        var h = new KernelHarness().File("/m/slow.ko", TestModules.Slow);
        var seen = new List<string>();
        h.Task("a", Finit("/m/slow.ko", "delay_ms=100"), Kallsyms(seen));
        h.Run();
        Assert.Equal("", seen[0]);
        var m = h.Kernel.Module("slow")!;
        Assert.Equal((false, true), (m.Memory[(int)ModMemType.Text].Writable, m.Memory[(int)ModMemType.Text].Executable));
        Assert.Equal((0u, 12288u), (m.InitSize, m.CoreSize));
        Assert.Empty(Sysfs.list(m, "sections"));
    }

    /// <summary>/proc/kallsyms read by a new task once the others are done.</summary>
    internal static string Kernel(KernelHarness h)
    {
        var seen = new List<string>();
        h.Task("reader" + h.Calls.Count, Kallsyms(seen));
        h.Run();
        return seen[0];
    }
}
