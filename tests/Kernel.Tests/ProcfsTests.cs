using Xunit;

namespace ModActors.Kernel.Tests;

public class ProcfsTests
{
    private static readonly ulong OE = Taint.Bit(TaintFlag.OotModule) | Taint.Bit(TaintFlag.UnsignedModule);

    private static ModuleSnapshot Slow(ModuleState state) => new()
    {
        Name = "slow",
        State = state,
        CoreSize = 12288,
        InitSize = state == ModuleState.Coming ? 8192u : 0u,
        Refcnt = state == ModuleState.Coming ? 1 : 0,
        Taints = OE,
        Address = 0xffffffffc0a00000,
    };

    [Fact]
    public void A_loading_module_counts_init_sections_and_shows_plus()
    {
        // Oracle a: "slow 20480 1 - Loading ADDR (OE+)"
        Assert.Equal("slow 20480 1 - Loading 0x0000000000000000 (OE+)\n", Procfs.m_show(Slow(ModuleState.Coming)));
    }

    [Fact]
    public void A_live_module_after_init_is_freed()
    {
        // Oracle a: "slow 12288 0 - Live ADDR (OE)"
        Assert.Equal("slow 12288 0 - Live 0x0000000000000000 (OE)\n", Procfs.m_show(Slow(ModuleState.Live)));
    }

    [Fact]
    public void A_going_module_shows_unloading_and_minus()
    {
        Assert.Equal("slow 12288 0 - Unloading 0x0000000000000000 (OE-)\n", Procfs.m_show(Slow(ModuleState.Going)));
    }

    [Fact]
    public void A_module_whose_exit_is_running_shows_refcnt_minus_one()
    {
        // Oracle m: "slow 12288 -1 - Unloading ADDR (OE-)" (try_release_module_ref took MODULE_REF_BASE).
        Assert.Equal("slow 12288 -1 - Unloading 0x0000000000000000 (OE-)\n",
            Procfs.m_show(Slow(ModuleState.Going) with { Refcnt = -1 }));
    }

    [Fact]
    public void A_module_without_exit_is_permanent()
    {
        // Oracle f: "noexit 8192 0 [permanent], Live ADDR (OE)"
        var noexit = new ModuleSnapshot { Name = "noexit", State = ModuleState.Live, CoreSize = 8192, HasExit = false, Taints = OE };
        Assert.Equal("noexit 8192 0 [permanent], Live 0x0000000000000000 (OE)\n", Procfs.m_show(noexit));
    }

    [Fact]
    public void Users_are_listed_with_trailing_commas_in_source_list_order()
    {
        // Oracle g: "expa 12288 1 useb, Live ADDR (OE)"
        var expa = Slow(ModuleState.Live) with { Name = "expa", Refcnt = 1, Users = ["useb"] };
        Assert.Equal("expa 12288 1 useb, Live 0x0000000000000000 (OE)\n", Procfs.m_show(expa));
        var two = expa with { Users = ["zeta", "alpha"], HasExit = false };
        Assert.Equal("expa 12288 1 zeta,alpha,[permanent], Live 0x0000000000000000 (OE)\n", Procfs.m_show(two));
    }

    [Fact]
    public void An_untainted_module_has_no_taint_column_even_while_loading()
    {
        var clean = new ModuleSnapshot { Name = "intree", State = ModuleState.Coming, CoreSize = 4096, Refcnt = 1 };
        Assert.Equal("intree 4096 1 - Loading 0x0000000000000000\n", Procfs.m_show(clean));
    }

    [Fact]
    public void An_unformed_module_is_skipped()
    {
        Assert.Equal("", Procfs.m_show(Slow(ModuleState.Unformed)));
    }

    [Fact]
    public void Addresses_show_only_when_allowed()
    {
        Assert.Equal("slow 12288 0 - Live 0xffffffffc0a00000 (OE)\n", Procfs.m_show(Slow(ModuleState.Live), showAddresses: true));
    }

    [Fact]
    public void Without_module_unload_refcnt_and_users_are_dashes()
    {
        Assert.Equal("slow 12288 - - Live 0x0000000000000000 (OE)\n", Procfs.m_show(Slow(ModuleState.Live), moduleUnload: false));
    }

    [Fact]
    public void proc_modules_lists_modules_in_list_order_skipping_unformed_ones()
    {
        ModuleSnapshot[] list =
        [
            new() { Name = "useb", State = ModuleState.Unformed },
            Slow(ModuleState.Live) with { Name = "expa", Refcnt = 1, Users = ["useb"] },
            Slow(ModuleState.Live),
        ];
        Assert.Equal(
            "expa 12288 1 useb, Live 0x0000000000000000 (OE)\nslow 12288 0 - Live 0x0000000000000000 (OE)\n",
            Procfs.proc_modules(list, KernelConfig.Debian612));
    }
}
