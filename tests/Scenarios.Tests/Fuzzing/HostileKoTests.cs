// What the simulated kernel does with a .ko whose __param entries module_param() could never have made
// (kernel/params.c, fs/sysfs/group.c): a perm outside 0664 loads, with create_files' WARN and the mode
// masked; a NULL name fails mod_sysfs_setup with -ENOMEM; an ops symbol vmlinux does not export is an
// unknown symbol (-ENOENT). Never an internal error.
using ModActors.Scenarios.Fuzzing;
using ModActors.Scenarios.Tests.Scenario;
using Xunit;

namespace ModActors.Scenarios.Tests.Fuzzing;

public sealed class HostileKoTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hostile-ko-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private RunReport Load(byte[] image, string args = "")
    {
        var path = Path.Combine(dir, "slow.ko");
        File.WriteAllBytes(path, image);
        var report = ScenarioFiles.Run($$"""
            modules:
              slow: { file: {{path}} }
            tasks:
              a: [ finit_module: { file: /lib/modules/slow.ko, args: "{{args}}" }, read: /sys/module/slow/parameters/delay_ms ]
            """);
        Assert.Equal(ModActors.Runtime.RunOutcome.Quiescent, report.Result.Outcome);
        return report;
    }

    private static bool Logged(RunReport report, string text) => report.Final.Dmesg.Any(l => l.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void A_world_writable_perm_loads_with_the_sysfs_warning_and_the_mode_masked_to_0664()
    {
        var report = Load(KoImages.WithPerm("delay_ms", 0x1FF), "delay_ms=5");
        Assert.Equal(0, report.Calls[0].Rc);
        Assert.True(Logged(report, "Attribute delay_ms: Invalid permissions 0777"));
        Assert.Contains(report.Final.Dmesg, l => l.Contains("WARNING: CPU: 0 PID: ", StringComparison.Ordinal) && l.EndsWith("at fs/sysfs/group.c:71 create_files", StringComparison.Ordinal));
        Assert.Contains('W', report.Final.KernelTaint);
        Assert.Equal("5\n", report.Calls[1].Text);
    }

    [Fact]
    public void A_perm_above_0777_warns_and_a_plain_0644_does_not()
    {
        var high = Load(KoImages.WithPerm("ret", 0xFFFF));
        Assert.Equal(0, high.Calls[0].Rc);
        Assert.True(Logged(high, "Attribute ret: Invalid permissions 0177777"));
        var plain = Load(KoImages.WithPerm("ret", 0x1A4));
        Assert.Equal(0, plain.Calls[0].Rc);
        Assert.DoesNotContain(plain.Final.Dmesg, l => l.Contains("Invalid permissions", StringComparison.Ordinal));
    }

    [Fact]
    public void A_param_whose_name_pointer_is_null_fails_mod_sysfs_setup_with_ENOMEM()
    {
        var report = Load(KoImages.WithoutName("ret"));
        Assert.Equal(-ModActors.Kernel.Errno.ENOMEM, report.Calls[0].Rc);
        Assert.Equal("", report.Final.ProcModules.Trim());
    }

    [Fact]
    public void Parsing_arguments_against_a_null_name_is_the_kernel_oops_and_EFAULT()
    {
        var report = Load(KoImages.WithoutName("ret"), "delay_ms=1");
        Assert.Equal(-ModActors.Kernel.Errno.EFAULT, report.Calls[0].Rc);
        Assert.True(Logged(report, "BUG: kernel NULL pointer dereference, address: 0000000000000000"));
    }

    [Fact]
    public void An_ops_symbol_vmlinux_does_not_export_is_an_unknown_symbol()
    {
        var report = Load(KoImages.WithRenamedOps("param_ops_int", "param_ops_xyz"));
        Assert.Equal(-ModActors.Kernel.Errno.ENOENT, report.Calls[0].Rc);
        Assert.Contains(report.Final.Dmesg, l => l.Contains("Unknown symbol param_ops_xyz", StringComparison.Ordinal));
    }

    [Fact]
    public void The_fuzz_target_counts_each_crafted_image_as_an_answer_not_an_internal_error()
    {
        foreach (var image in new[] { KoImages.WithPerm("delay_ms", 0x1B6), KoImages.WithoutName("delay_ms"), KoImages.WithRenamedOps("param_ops_int", "param_ops_xyz") })
            Assert.False(KoFuzzTarget.Run(image).IsBug);
    }

    /// <summary>The minimised reproducers the 100,000-mutant run found (a NOBITS size the layout wraps, a module name with spaces or '/').</summary>
    public static TheoryData<string> Reproducers() =>
        [.. Directory.GetFiles(Path.Combine(ScenarioFiles.Root, "tests", "Scenarios.Tests", "Fuzzing", "Reproducers"), "*.ko").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Reproducers))]
    public void Saved_reproducers_no_longer_err(string file)
    {
        var outcome = KoFuzzTarget.Run(File.ReadAllBytes(Path.Combine(ScenarioFiles.Root, "tests", "Scenarios.Tests", "Fuzzing", "Reproducers", file)));
        Assert.False(outcome.IsBug, outcome.ToString() + "\n" + outcome.Stack);
    }
}
