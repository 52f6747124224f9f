using Xunit;

namespace ModActors.Kernel.Tests;

public class SysfsTests
{
    private static readonly ulong OE = Taint.Bit(TaintFlag.OotModule) | Taint.Bit(TaintFlag.UnsignedModule);

    private static ModuleParams NotifParams() => new([new ModuleParam { Name = "veto", Type = "charp", Perm = Modes.S644 }]);

    private static ModuleSnapshot Snap(ModuleParams kp, ModuleState state = ModuleState.Live) => new()
    {
        Name = "notif",
        State = state,
        CoreSize = 12288,
        Taints = OE,
        Params = kp.Snapshot(),
    };

    [Theory]
    [InlineData(ModuleState.Live, "live\n")]
    [InlineData(ModuleState.Coming, "coming\n")]
    [InlineData(ModuleState.Going, "going\n")]
    public void initstate_names_the_state(ModuleState state, string text)
    {
        Assert.Equal(new SysfsRead(0, text), Sysfs.read(Snap(NotifParams(), state), "initstate"));
    }

    [Fact]
    public void Attribute_files_print_like_the_kernel()
    {
        var mod = Snap(NotifParams()) with { Refcnt = 1, InitSize = 0, Version = "1.0" };
        Assert.Equal("1\n", Sysfs.read(mod, "refcnt").Text);
        Assert.Equal("OE\n", Sysfs.read(mod, "taint").Text);
        Assert.Equal("12288\n", Sysfs.read(mod, "coresize").Text);
        Assert.Equal("0\n", Sysfs.read(mod, "initsize").Text);
        Assert.Equal("1.0\n", Sysfs.read(mod, "version").Text);
        Assert.Equal(-Errno.ENOENT, Sysfs.read(mod, "srcversion").Error);
        Assert.Equal("\n", Sysfs.read(mod with { Taints = 0 }, "taint").Text);
    }

    [Fact]
    public void An_unformed_module_has_no_directory()
    {
        var mod = Snap(NotifParams(), ModuleState.Unformed);
        Assert.False(Sysfs.module_dir_exists(mod));
        Assert.Equal(-Errno.ENOENT, Sysfs.read(mod, "initstate").Error);
        Assert.Empty(Sysfs.list(mod));
        Assert.Empty(Sysfs.sys_module([mod]));
    }

    [Fact]
    public void The_directory_exists_only_between_sysfs_setup_and_teardown()
    {
        var beforeSetup = Snap(NotifParams(), ModuleState.Coming) with { SysfsRegistered = false };
        Assert.False(Sysfs.module_dir_exists(beforeSetup));
        Assert.Equal(["notif"], Sysfs.sys_module([beforeSetup with { SysfsRegistered = true }, beforeSetup with { Name = "x" }]));
    }

    [Fact]
    public void The_directory_lists_what_the_oracle_saw()
    {
        // Oracle y: "-- /sys/module/slow: coresize holders initsize initstate notes parameters refcnt sections taint uevent"
        Assert.Equal(["coresize", "holders", "initsize", "initstate", "notes", "parameters", "refcnt", "sections", "taint", "uevent"],
            Sysfs.list(Snap(NotifParams())));
        // Oracle y, noexit: no parameters directory.
        var noParams = Snap(new ModuleParams([new ModuleParam { Name = "hidden", Type = "int" }]));
        Assert.Equal(["coresize", "holders", "initsize", "initstate", "notes", "refcnt", "sections", "taint", "uevent"],
            Sysfs.list(noParams));
        Assert.Equal(-Errno.ENOENT, Sysfs.read(noParams, "parameters/hidden").Error);
        Assert.Equal(-Errno.ENOENT, Sysfs.read(noParams, "parameters").Error);
    }

    [Fact]
    public void Entries_carry_the_modes_ls_shows()
    {
        var entries = Sysfs.list_entries(Snap(NotifParams()) with { Users = ["useb"] }).ToDictionary(e => e.Name);
        Assert.Equal(new SysfsEntry("coresize", Modes.S444, SysfsEntryKind.File), entries["coresize"]);
        Assert.Equal(new SysfsEntry("uevent", Modes.S200, SysfsEntryKind.File), entries["uevent"]);
        Assert.Equal(new SysfsEntry("holders", 0x1ED, SysfsEntryKind.Directory), entries["holders"]);
        Assert.Equal([new SysfsEntry("veto", Modes.S644, SysfsEntryKind.File)], Sysfs.list_entries(Snap(NotifParams()), "parameters"));
        Assert.Equal(SysfsEntryKind.Symlink, Sysfs.list_entries(Snap(NotifParams()) with { Users = ["useb"] }, "holders")[0].Kind);
        Assert.Equal(-Errno.EACCES, Sysfs.read(Snap(NotifParams()), "uevent").Error);
        Assert.Equal(-Errno.EISDIR, Sysfs.read(Snap(NotifParams()), "sections").Error);
    }

    [Fact]
    public void Version_files_appear_when_modinfo_has_them()
    {
        var mod = Snap(NotifParams()) with { Version = "1.0", SrcVersion = "ABC", HasNotesDir = false, HasSectionsDir = false };
        Assert.Equal(["coresize", "holders", "initsize", "initstate", "parameters", "refcnt", "srcversion", "taint", "uevent", "version"],
            Sysfs.list(mod));
        Assert.Equal("ABC\n", Sysfs.read(mod, "srcversion").Text);
    }

    [Fact]
    public void A_coming_module_reads_like_the_oracle_during_init()
    {
        // Oracle y while COMING: initstate=[coming] refcnt=[1] taint=[OE] coresize=[12288] initsize=[8192]
        var kp = new ModuleParams(
        [
            new ModuleParam { Name = "delay_ms", Type = "int", Perm = Modes.S444, Default = "1500" },
            new ModuleParam { Name = "ret", Type = "int", Perm = Modes.S444 },
            new ModuleParam { Name = "exit_delay_ms", Type = "int", Perm = Modes.S444, Default = "7" },
        ]);
        ModuleSnapshot slow = Snap(kp, ModuleState.Coming) with { Name = "slow", Refcnt = 1, InitSize = 8192 };
        Assert.Equal("coming\n", Sysfs.read(slow, "initstate").Text);
        Assert.Equal("1\n", Sysfs.read(slow, "refcnt").Text);
        Assert.Equal("OE\n", Sysfs.read(slow, "taint").Text);
        Assert.Equal("12288\n", Sysfs.read(slow, "coresize").Text);
        Assert.Equal("8192\n", Sysfs.read(slow, "initsize").Text);
        Assert.Equal("1500\n", Sysfs.read(slow, "parameters/delay_ms").Text);
        Assert.Equal("7\n", Sysfs.read(slow, "parameters/exit_delay_ms").Text);
        Assert.Equal(["delay_ms", "exit_delay_ms", "ret"], Sysfs.list(slow, "parameters"));
    }

    [Fact]
    public void Holders_default_to_the_users_and_list_sorted()
    {
        var expa = Snap(NotifParams()) with { Users = ["zeta", "useb"] };
        Assert.Equal(["useb", "zeta"], Sysfs.list(expa, "holders"));
        Assert.Empty(Sysfs.list(expa with { Holders = [] }, "holders"));
        Assert.Equal(-Errno.EISDIR, Sysfs.read(expa, "holders").Error);
    }

    [Fact]
    public void Parameters_read_as_param_get_shows_them()
    {
        var kp = new ModuleParams(
        [
            new ModuleParam { Name = "delay_ms", Type = "int", Perm = Modes.S444, Default = "5" },
            new ModuleParam { Name = "flag", Type = "bool", Perm = Modes.S444 },
            new ModuleParam { Name = "secret", Type = "int", Perm = Modes.S200 },
        ]);
        ModuleSnapshot mod = Snap(kp);
        Assert.Equal("5\n", Sysfs.read(mod, "parameters/delay_ms").Text);
        Assert.Equal("N\n", Sysfs.read(mod, "parameters/flag").Text);
        Assert.Equal(-Errno.EACCES, Sysfs.read(mod, "parameters/secret").Error);
        Assert.Equal(["delay_ms", "flag", "secret"], Sysfs.list(mod, "parameters"));
    }

    [Fact]
    public void A_charp_written_through_sysfs_keeps_the_trailing_newline()
    {
        // Oracle j: echo noexit > /sys/module/notif/parameters/veto
        ModuleParams kp = NotifParams();
        var log = new KernelLog();
        Assert.Equal("(null)\n", Sysfs.read(Snap(kp), "parameters/veto").Text);

        Assert.Equal(7, Sysfs.param_attr_store(Snap(kp), kp, "veto", "noexit\n", log));

        Assert.Equal("noexit\n\n", Sysfs.read(Snap(kp), "parameters/veto").Text);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void A_number_written_through_sysfs_may_end_in_one_newline()
    {
        var kp = new ModuleParams([new ModuleParam { Name = "n", Type = "int", Perm = Modes.S644 }]);
        var log = new KernelLog();
        Assert.Equal(3, Sysfs.param_attr_store(Snap(kp), kp, "n", "42\n", log));
        Assert.Equal("42\n", kp.param_get("n"));
        Assert.Equal(-Errno.EINVAL, Sysfs.param_attr_store(Snap(kp), kp, "n", "4 2\n", log));
        Assert.Equal(-Errno.ERANGE, Sysfs.param_attr_store(Snap(kp), kp, "n", "99999999999", log));
        Assert.Equal(0, Sysfs.param_attr_store(Snap(kp), kp, "n", "", log));
        Assert.Equal("42\n", kp.param_get("n"));
    }

    [Fact]
    public void Read_only_and_hidden_parameters_cannot_be_written()
    {
        var kp = new ModuleParams(
        [
            new ModuleParam { Name = "ro", Type = "int", Perm = Modes.S444 },
            new ModuleParam { Name = "hidden", Type = "int", Perm = 0 },
        ]);
        var log = new KernelLog();
        Assert.Equal(-Errno.EACCES, Sysfs.param_attr_store(Snap(kp), kp, "ro", "1", log));
        Assert.Equal(-Errno.ENOENT, Sysfs.param_attr_store(Snap(kp), kp, "hidden", "1", log));
        Assert.Equal(-Errno.ENOENT, Sysfs.param_attr_store(Snap(kp), kp, "nosuch", "1", log));
        Assert.Equal(-Errno.ENOENT, Sysfs.param_attr_store(Snap(kp, ModuleState.Unformed), kp, "ro", "1", log));
    }

    [Fact]
    public void One_write_stores_at_most_a_page()
    {
        ModuleParams kp = new([new ModuleParam { Name = "s", Type = "string", Perm = Modes.S644, StringMaxLen = 8192 }]);
        Assert.Equal(Sysfs.PAGE_SIZE, Sysfs.param_attr_store(Snap(kp), kp, "s", new string('a', 5000), new KernelLog()));
        Assert.Equal(new string('a', Sysfs.PAGE_SIZE) + "\n", kp.param_get("s"));
    }

    [Fact]
    public void show_initstate_of_an_unformed_module_is_a_kernel_bug()
    {
        Assert.Throws<InvalidOperationException>(() => Sysfs.show_initstate(ModuleState.Unformed));
    }
}
