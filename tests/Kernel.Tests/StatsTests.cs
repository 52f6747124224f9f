using ModActors.Elf;
using Xunit;

namespace ModActors.Kernel.Tests;

public class StatsTests
{
    private static ModuleStats Enabled() => new(KernelConfig.Debian612 with { ModuleStats = true });

    [Fact]
    public void Debian_does_not_build_module_stats_so_nothing_is_counted()
    {
        var stats = new ModuleStats(KernelConfig.Debian612);
        stats.mod_stat_inc(ModStatCounter.Modcount);
        stats.mod_stat_bump_invalid(100, 0, ModuleInitFlags.None);
        stats.try_add_failed_module("slow", FailDupModReason.Load);

        Assert.False(stats.Enabled);
        Assert.Equal(0, stats.modcount);
        Assert.Equal(0, stats.failed_load_modules);
        Assert.Empty(stats.dup_failed_modules);
    }

    [Fact]
    public void A_fresh_kernel_prints_the_preamble_with_zeros()
    {
        // "%25s\t%u\n" per counter; no averages, no duplicate table.
        Assert.Equal(
            "         Mods ever loaded\t0\n" +
            "     Mods failed on kread\t0\n" +
            "Mods failed on decompress\t0\n" +
            "  Mods failed on becoming\t0\n" +
            "      Mods failed on load\t0\n" +
            "        Total module size\t0\n" +
            "      Total mod text size\t0\n" +
            "       Failed kread bytes\t0\n" +
            "  Failed decompress bytes\t0\n" +
            "    Failed becoming bytes\t0\n" +
            "        Failed kmod bytes\t0\n" +
            " Virtual mem wasted bytes\t0\n",
            Enabled().read_file_mod_stats());
    }

    [Fact]
    public void Failures_and_duplicates_print_averages_and_the_duplicate_table_newest_first()
    {
        ModuleStats stats = Enabled();
        stats.mod_stat_add_long(4096, ModStatCounter.TotalTextSize);
        stats.mod_stat_add_long(12288, ModStatCounter.TotalModSize);
        stats.mod_stat_inc(ModStatCounter.Modcount);
        stats.mod_stat_bump_becoming(20000, 0, ModuleInitFlags.None);
        stats.mod_stat_bump_invalid(40001, 0, ModuleInitFlags.None);
        stats.try_add_failed_module("slow", FailDupModReason.Becoming);
        stats.try_add_failed_module("useb", FailDupModReason.Load);
        stats.try_add_failed_module("slow", FailDupModReason.Load);

        Assert.Equal(
            "         Mods ever loaded\t1\n" +
            "     Mods failed on kread\t0\n" +
            "Mods failed on decompress\t0\n" +
            "  Mods failed on becoming\t1\n" +
            "      Mods failed on load\t1\n" +
            "        Total module size\t12288\n" +
            "      Total mod text size\t4096\n" +
            "       Failed kread bytes\t0\n" +
            "  Failed decompress bytes\t0\n" +
            "    Failed becoming bytes\t20000\n" +
            "        Failed kmod bytes\t80002\n" +
            " Virtual mem wasted bytes\t100002\n" +
            "         Average mod size\t12288\n" +
            "    Average mod text size\t4096\n" +
            "  Avg fail becoming bytes\t20000\n" +
            "  Average fail load bytes\t80002\n" +
            "Duplicate failed modules:\n" +
            "              Module-name\t How-many-times\t                   Reason\n" +
            "                     useb\t              1\t                     Load\n" +
            "                     slow\t              2\t          Becoming & Load\n",
            stats.read_file_mod_stats());
    }

    [Fact]
    public void Averages_round_up()
    {
        ModuleStats stats = Enabled();
        stats.mod_stat_inc(ModStatCounter.FailedKreads);
        stats.mod_stat_inc(ModStatCounter.FailedKreads);
        stats.mod_stat_add_long(5, ModStatCounter.InvalidKreadBytes);
        Assert.Contains("     Avg fail kread bytes\t3\n", stats.read_file_mod_stats(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compressed_files_add_their_compressed_length_to_the_waste()
    {
        ModuleStats stats = Enabled();
        stats.mod_stat_bump_invalid(1000, 300, ModuleInitFlags.CompressedFile);
        stats.mod_stat_bump_becoming(1000, 300, ModuleInitFlags.CompressedFile);
        Assert.Equal(2300, stats.invalid_mod_bytes);
        Assert.Equal(1300, stats.invalid_becoming_bytes);

        var noDecompress = new ModuleStats(KernelConfig.Debian612 with { ModuleStats = true, ModuleDecompress = false });
        noDecompress.mod_stat_bump_invalid(1000, 300, ModuleInitFlags.CompressedFile);
        Assert.Equal(2000, noDecompress.invalid_mod_bytes);
    }

    [Theory]
    [InlineData(1UL, "Becoming")]
    [InlineData(2UL, "Load")]
    [InlineData(3UL, "Becoming & Load")]
    [InlineData(0UL, "Bug-on-stats")]
    public void mod_fail_to_str_names_the_reasons(ulong mask, string text)
    {
        Assert.Equal(text, ModuleStats.mod_fail_to_str(new ModFailLoad("m", 1, mask)));
    }

    [Fact]
    public void The_duplicate_table_is_cut_at_the_kernel_buffer_size()
    {
        ModuleStats stats = Enabled();
        stats.mod_stat_bump_becoming(1, 0, ModuleInitFlags.None);
        for (int i = 0; i < 20; i++)
            stats.try_add_failed_module("m" + i, FailDupModReason.Becoming);

        string text = stats.read_file_mod_stats();

        // size = MAX_PREAMBLE + 1 failure * MAX_BYTES_PER_MOD; scnprintf leaves room for the NUL.
        Assert.Equal(1024 + 64 - 1, text.Length);
        Assert.StartsWith("         Mods ever loaded\t0\n", text, StringComparison.Ordinal);
    }
}
