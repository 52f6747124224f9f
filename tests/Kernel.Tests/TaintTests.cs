using Xunit;

namespace ModActors.Kernel.Tests;

public class TaintTests
{
    private static ulong Bits(params TaintFlag[] flags) => flags.Aggregate(0UL, (m, f) => m | Taint.Bit(f));

    [Fact]
    public void Taint_bits_are_the_kernel_bit_numbers()
    {
        Assert.Equal(0, (int)TaintFlag.ProprietaryModule);
        Assert.Equal(3, (int)TaintFlag.ForcedRmmod);
        Assert.Equal(10, (int)TaintFlag.Crap);
        Assert.Equal(12, (int)TaintFlag.OotModule);
        Assert.Equal(13, (int)TaintFlag.UnsignedModule);
        Assert.Equal(15, (int)TaintFlag.Livepatch);
        Assert.Equal(18, (int)TaintFlag.Test);
        Assert.Equal(Taint.TAINT_FLAGS_COUNT, Taint.taint_flags.Count);
    }

    [Fact]
    public void Out_of_tree_unsigned_module_taints_the_kernel_12288_like_the_oracle()
    {
        var log = new KernelLog();
        var taint = new KernelTaint();
        ulong mod = taint.add_taint_module(0, TaintFlag.OotModule, LockdepOk.StillOk, log);
        mod = taint.add_taint_module(mod, TaintFlag.UnsignedModule, LockdepOk.StillOk, log);

        Assert.Equal(12288UL, taint.get_taint());
        Assert.Equal("12288\n", taint.proc_sys_kernel_tainted());
        Assert.Equal("OE", Taint.module_flags_taint(mod));
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void Forced_rmmod_adds_R_making_12296_and_logs_lock_debugging_off_once()
    {
        var log = new KernelLog();
        var taint = new KernelTaint();
        taint.add_taint(TaintFlag.OotModule, LockdepOk.StillOk, log);
        taint.add_taint(TaintFlag.UnsignedModule, LockdepOk.StillOk, log);

        taint.add_taint(TaintFlag.ForcedRmmod, LockdepOk.NowUnreliable, log);
        taint.add_taint(TaintFlag.ForcedRmmod, LockdepOk.NowUnreliable, log);

        Assert.Equal(12296UL, taint.get_taint());
        Assert.Equal(["Disabling lock debugging due to kernel taint"], log.Texts());
        Assert.False(taint.debug_locks);
    }

    [Fact]
    public void print_tainted_prints_a_letter_or_blank_for_each_flag()
    {
        var taint = new KernelTaint();
        Assert.Equal("Not tainted", taint.print_tainted());
        Assert.Equal("Not tainted", taint.print_tainted_verbose());

        var log = new KernelLog();
        taint.add_taint(TaintFlag.OotModule, LockdepOk.StillOk, log);
        taint.add_taint(TaintFlag.UnsignedModule, LockdepOk.StillOk, log);
        Assert.Equal("Tainted: G           OE     ", taint.print_tainted());
        Assert.Equal("Tainted: [O]=OOT_MODULE, [E]=UNSIGNED_MODULE", taint.print_tainted_verbose());

        taint.add_taint(TaintFlag.ProprietaryModule, LockdepOk.StillOk, log);
        taint.add_taint(TaintFlag.ForcedRmmod, LockdepOk.StillOk, log);
        Assert.Equal("Tainted: P  R        OE     ", taint.print_tainted());
    }

    [Fact]
    public void Module_taint_letters_skip_flags_that_are_not_module_flags()
    {
        ulong taints = Bits(TaintFlag.ForcedRmmod, TaintFlag.Warn, TaintFlag.OotModule, TaintFlag.ProprietaryModule,
            TaintFlag.Test, TaintFlag.Crap, TaintFlag.Livepatch);
        Assert.Equal("PCOKN", Taint.module_flags_taint(taints));
    }

    [Theory]
    [InlineData(ModuleState.Live, true, "(OE)")]
    [InlineData(ModuleState.Coming, true, "(OE+)")]
    [InlineData(ModuleState.Going, true, "(OE-)")]
    [InlineData(ModuleState.Coming, false, "(OE)")]
    [InlineData(ModuleState.Going, false, "(OE)")]
    public void module_flags_of_a_tainted_module(ModuleState state, bool showState, string expected)
    {
        Assert.Equal(expected, Taint.module_flags(Bits(TaintFlag.OotModule, TaintFlag.UnsignedModule), state, showState));
    }

    [Theory]
    [InlineData(ModuleState.Live, true, "")]
    [InlineData(ModuleState.Coming, true, "(+)")]
    [InlineData(ModuleState.Going, true, "(-)")]
    [InlineData(ModuleState.Coming, false, "")]
    public void module_flags_of_an_untainted_module_shows_only_the_state(ModuleState state, bool showState, string expected)
    {
        Assert.Equal(expected, Taint.module_flags(0, state, showState));
    }

    [Fact]
    public void module_flags_of_an_unformed_module_is_a_kernel_bug()
    {
        Assert.Throws<InvalidOperationException>(() => Taint.module_flags(0, ModuleState.Unformed, true));
    }

    [Theory]
    [InlineData("OE", 12288UL)]
    [InlineData("G           OE     ", 12288UL)]
    [InlineData("P  R        OE     ", 12297UL)]
    [InlineData("", 0UL)]
    public void Taint_letters_parse_back_to_the_mask(string letters, ulong mask)
    {
        Assert.Equal(mask, Taint.ParseLetters(letters));
    }

    [Fact]
    public void An_unknown_taint_letter_is_named()
    {
        var e = Assert.Throws<FormatException>(() => Taint.ParseLetters("OZ"));
        Assert.Contains("'Z'", e.Message, StringComparison.Ordinal);
    }
}
