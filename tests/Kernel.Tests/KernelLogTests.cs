using Xunit;

namespace ModActors.Kernel.Tests;

public class KernelLogTests
{
    [Theory]
    [InlineData(0L, "[    0.000000]")]
    [InlineData(12_345_678_000L, "[   12.345678]")]
    [InlineData(2_000_000_999L, "[    2.000000]")]
    [InlineData(123_456_000_001_000L, "[123456.000001]")]
    public void print_time_renders_seconds_and_microseconds_like_printk(long nanoseconds, string expected)
    {
        Assert.Equal(expected, KernelLog.print_time(TimeSpan.FromTicks(nanoseconds / 100)));
    }

    [Fact]
    public void Lines_carry_the_virtual_time_of_the_printk()
    {
        var now = TimeSpan.Zero;
        var log = new KernelLog(() => now);
        log.pr_warn("first");
        now = TimeSpan.FromMilliseconds(1040.5);
        log.WithPrefix("slow: ").pr_info("init end\n");

        Assert.Equal("[    0.000000] first\n[    1.040500] slow: init end\n", log.Dmesg());
        Assert.Equal(LogLevel.Info, log.Lines[1].Level);
        Assert.Equal(1, log.Lines[1].Sequence);
    }

    [Fact]
    public void The_oracle_style_drops_the_timestamp_padding()
    {
        var log = new KernelLog(() => TimeSpan.FromTicks(126_402_820));
        log.pr_warn("slow: loading out-of-tree module taints kernel.");
        Assert.Equal("[   12.640282] slow: loading out-of-tree module taints kernel.\n", log.Dmesg());
        Assert.Equal("[12.640282] slow: loading out-of-tree module taints kernel.\n", log.Dmesg(oracleStyle: true));
    }

    [Fact]
    public void Once_sites_print_once_per_boot_whatever_the_module()
    {
        var log = new KernelLog();
        Assert.True(log.pr_notice_once("sig", "slow: module verification failed: signature and/or required key missing - tainting kernel"));
        Assert.False(log.pr_notice_once("sig", "expa: module verification failed: signature and/or required key missing - tainting kernel"));
        Assert.True(log.WithPrefix("x: ").pr_warn_once("other", "hello"));
        Assert.False(log.pr_err_once("other", "same site, other level"));

        Assert.Equal(
            ["slow: module verification failed: signature and/or required key missing - tainting kernel", "x: hello"],
            log.Texts());
        Assert.True(log.OnceDone("sig"));
    }

    [Fact]
    public void pr_debug_never_reaches_the_log()
    {
        var log = new KernelLog();
        log.pr_debug("slow already dying");
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void A_multi_line_record_repeats_its_prefix_on_each_line()
    {
        var log = new KernelLog(() => TimeSpan.FromSeconds(3));
        log.pr_warn("a\nb");
        Assert.Equal("[    3.000000] a\n[    3.000000] b\n", log.Dmesg());
    }

    [Fact]
    public void WARN_ONCE_fires_once_when_the_condition_holds_and_taints_W()
    {
        var log = new KernelLog();
        var taint = new KernelTaint();

        Assert.False(log.WARN_ONCE("site", false, "never", 7, "kernel/module/stats.c:1 f", taint));
        Assert.Empty(log.Lines);
        Assert.True(log.WARN_ONCE("site", true, "bad counter", 7, "kernel/module/stats.c:300 read_file_mod_stats", taint));
        Assert.True(log.WARN_ONCE("site", true, "bad counter", 7, "kernel/module/stats.c:300 read_file_mod_stats", taint));

        Assert.Equal(
            [
                "------------[ cut here ]------------",
                "bad counter",
                "WARNING: CPU: 0 PID: 7 at kernel/module/stats.c:300 read_file_mod_stats",
                "---[ end trace 0000000000000000 ]---",
            ],
            log.Texts());
        Assert.True(taint.test_taint(TaintFlag.Warn));
    }

    [Fact]
    public void Contains_and_TextsSince_query_the_texts()
    {
        var log = new KernelLog();
        log.pr_warn("slow: unknown parameter 'bogus' ignored");
        long mark = log.Lines.Count;
        log.pr_err("slow: `abc' invalid for parameter `delay_ms'");

        Assert.True(log.Contains("unknown parameter 'bogus'"));
        Assert.False(log.Contains("nosuch"));
        Assert.Equal(["slow: `abc' invalid for parameter `delay_ms'"], log.TextsSince(mark));
    }
}
