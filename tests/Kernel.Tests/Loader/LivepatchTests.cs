// The livepatch hooks of the loader with the real fixtures lpatch.ko (a livepatch of expa's expa_value) and
// expa.ko, against oracle scenario zk: TAINT_LIVEPATCH, the whole symtab kept in kallsyms, klp_module_coming
// applying the patch to a loading expa, klp_module_going reverting it, a patched function expa lacks refusing
// expa (-EINVAL before any COMING notifier), and a module named vmlinux refused.
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class LivepatchTests
{
    [Fact]
    public void Lpatch_taints_K_and_keeps_its_whole_symtab_in_kallsyms()
    {
        var h = RealFiles.With("lpatch.ko");
        h.Task("a", Finit("/m/lpatch.ko", "func=expa_value"));
        h.Run();
        Assert.Equal(0, h.Rc("a"));
        var mod = h.Kernel.Module("lpatch")!;
        Assert.Equal("OEK\n", Sysfs.read(mod, "taint").Text);
        Assert.Contains("lpatch: tainting kernel with TAINT_LIVEPATCH", h.Log);
        Assert.True(OracleZk.Logged("lpatch: tainting kernel with TAINT_LIVEPATCH"));
        Assert.Equal(OracleZk.Kallsyms("lpatch", 1), KallsymsTests.Lines(KallsymsTests.Kernel(h), "lpatch"));
        Assert.True(mod.KlpInfo);
        Assert.Equal(new[] { "livepatch: enabling patch 'lpatch'", "livepatch: 'lpatch': starting patching transition" },
            h.Log.Where(l => l.StartsWith("livepatch: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Expa_loading_after_lpatch_is_patched_and_reverted_when_it_goes()
    {
        var h = RealFiles.With("lpatch.ko", "expa.ko");
        var seen = new List<string>();
        h.Task("a", Finit("/m/lpatch.ko", "func=expa_value"), Finit("/m/expa.ko"), KallsymsTests.Kallsyms(seen), Delete("expa"),
            KallsymsTests.Kallsyms(seen), Delete("lpatch"));
        h.Run();
        Assert.Equal((0, 0, 0), (h.Rc("a"), h.Rc("a", 1), h.Rc("a", 3)));
        // ftrace kept expa's traced init function (the patch's ftrace_ops is registered): listed after all module symbols
        Assert.Equal(OracleZk.Kallsyms("expa", 2), KallsymsTests.Lines(seen[0], "expa"));
        Assert.EndsWith("0000000000000000 T expa_init\t[expa]\n", seen[0], StringComparison.Ordinal);
        Assert.Empty(KallsymsTests.Lines(seen[1], "expa"));
        Assert.Equal(("rc=0 errno=0", "rc=0 errno=0", "rc=0 errno=0"), (OracleZk.Result("L1"), OracleZk.Result("L2"), OracleZk.Result("L3")));
        var applying = "livepatch: applying patch 'lpatch' to loading module 'expa'";
        var reverting = "livepatch: reverting patch 'lpatch' on unloading module 'expa'";
        Assert.True(OracleZk.Logged(applying) && OracleZk.Logged(reverting));
        var log = h.Log.ToList();
        Assert.True(log.IndexOf(applying) >= 0 && log.IndexOf(applying) < log.IndexOf(reverting));
        Assert.Equal(-Errno.EAGAIN, h.Rc("a", 5));
        Assert.Equal("rc=-1 errno=EAGAIN", OracleZk.Result("L4"));
        Assert.NotNull(h.Kernel.Module("lpatch"));
    }

    [Fact]
    public void A_patched_function_expa_lacks_refuses_expa_before_its_coming_notifier()
    {
        var h = RealFiles.With("lpatch.ko", "expa.ko");
        h.Task("a", Finit("/m/lpatch.ko", "func=nothere"), Finit("/m/expa.ko"));
        h.Run();
        Assert.Equal((0, -Errno.EINVAL), (h.Rc("a"), h.Rc("a", 1)));
        Assert.Equal(("rc=0 errno=0", "rc=-1 errno=EINVAL"), (OracleZk.Result("L5"), OracleZk.Result("L6")));
        string[] expected =
        [
            "livepatch: symbol 'nothere' not found in symbol table",
            "livepatch: failed to initialize patch 'lpatch' for module 'expa' (-22)",
            "livepatch: patch 'lpatch' failed for module 'expa', refusing to load module 'expa'",
        ];
        Assert.All(expected, l => Assert.True(OracleZk.Logged(l), l));
        Assert.Equal(expected, h.Log.Where(l => l.StartsWith("livepatch: ", StringComparison.Ordinal)).Skip(2));
        Assert.DoesNotContain("expa ", h.ProcModules(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Log, l => l.StartsWith("expa: init", StringComparison.Ordinal));
    }

    [Fact]
    public void Lpatch_itself_fails_when_expa_is_loaded_and_lacks_the_function()
    {
        var h = RealFiles.With("expa.ko", "lpatch.ko");
        h.Task("a", Finit("/m/expa.ko"), Finit("/m/lpatch.ko", "func=nothere"));
        h.Run();
        Assert.Equal((0, -Errno.EINVAL), (h.Rc("a"), h.Rc("a", 1)));
        Assert.Contains("livepatch: symbol 'nothere' not found in symbol table", h.Log);
        Assert.Null(h.Kernel.Module("lpatch"));
    }

    [Fact]
    public void A_module_named_vmlinux_is_refused_by_klp_module_coming()
    {
        var h = new KernelHarness();
        var bytes = File.ReadAllBytes(Path.Combine(RealFiles.RepoRoot(), "fixtures", "ko", "noexit.ko"));
        "vmlinux\0"u8.CopyTo(bytes.AsSpan(920));
        h.Kernel.Files.Add(new SimFile { Path = "/m/vmlinux.ko", Inode = h.Kernel.Files.NewInode(), Bytes = bytes });
        h.Task("v", Finit("/m/vmlinux.ko"));
        h.Run();
        Assert.Equal(-Errno.EINVAL, h.Rc("v"));
        Assert.Equal("rc=-1 errno=EINVAL", OracleZk.Result("V1"));
        Assert.Contains("livepatch: vmlinux.ko: invalid module name", h.Log);
        Assert.True(OracleZk.Logged("livepatch: vmlinux.ko: invalid module name"));
        Assert.Equal("", h.ProcModules());
    }

    [Fact]
    public void Without_CONFIG_LIVEPATCH_a_livepatch_module_is_refused_with_ENOEXEC()
    {
        var h = RealFiles.With(new KernelConfig { Livepatch = false }, "lpatch.ko");
        h.Task("a", Finit("/m/lpatch.ko", "func=expa_value"));
        h.Run();
        Assert.Equal(-Errno.ENOEXEC, h.Rc("a"));
        Assert.Contains("lpatch: module is marked as livepatch module, but livepatch support is disabled", h.Log);
    }

    [Fact]
    public void Klp_enable_patch_from_a_module_that_is_not_a_livepatch_fails_its_init()
    {
        var h = new KernelHarness().File("/m/bad.ko", new ModuleDefinition
        {
            Name = "bad",
            Init = new ModuleBehaviour([new KlpEnablePatchAction([new KlpObjectSpec(null, ["cmdline_proc_show"])])]),
        });
        h.Task("a", Finit("/m/bad.ko"));
        h.Run();
        Assert.Equal(-Errno.EINVAL, h.Rc("a"));
        Assert.Contains("livepatch: module bad is not marked as a livepatch module", h.Log);
    }
}
