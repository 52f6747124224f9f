using Xunit;

namespace ModActors.Kernel.Tests;

public class ParamOpsTests
{
    private static (int Error, string Shown, IReadOnlyList<string> Log) Load(ModuleParam param, string args)
    {
        var log = new KernelLog();
        var p = new ModuleParams([param]);
        int err = Params.load_module_parse_args("m", args, p, log).Error;
        return (err, p.param_get(param.Name), log.Texts());
    }

    private static ModuleParam P(string type, string? dflt = null) =>
        new() { Name = "p", Type = type, Perm = Modes.S644, Default = dflt, ArrayMax = 4, StringMaxLen = 8 };

    [Theory]
    [InlineData("byte", "p=255", "255\n")]
    [InlineData("short", "p=-32768", "-32768\n")]
    [InlineData("ushort", "p=0xffff", "65535\n")]
    [InlineData("int", "p=-7", "-7\n")]
    [InlineData("uint", "p=4294967295", "4294967295\n")]
    [InlineData("long", "p=-9223372036854775808", "-9223372036854775808\n")]
    [InlineData("ulong", "p=18446744073709551615", "18446744073709551615\n")]
    [InlineData("ullong", "p=010", "8\n")]
    [InlineData("hexint", "p=255", "0x0000ff\n")]
    [InlineData("hexint", "p=0x12345678", "0x12345678\n")]
    [InlineData("bool", "p", "Y\n")]
    [InlineData("bool", "p=on", "Y\n")]
    [InlineData("bool", "p=0", "N\n")]
    // param_set_invbool stores !value and param_get_invbool prints it negated again, so sysfs shows what was given.
    [InlineData("invbool", "p=1", "Y\n")]
    [InlineData("invbool", "p=n", "N\n")]
    [InlineData("bint", "p", "1\n")]
    [InlineData("bint", "p=no", "0\n")]
    [InlineData("charp", "p=hello", "hello\n")]
    [InlineData("charp", "p=", "\n")]
    [InlineData("string", "p=1234567", "1234567\n")]
    public void Each_type_parses_and_prints_as_sysfs_shows_it(string type, string args, string shown)
    {
        var (err, got, log) = Load(P(type), args);
        Assert.Equal(0, err);
        Assert.Empty(log);
        Assert.Equal(shown, got);
    }

    [Theory]
    [InlineData("int", "0\n")]
    [InlineData("hexint", "0x000000\n")]
    [InlineData("bool", "N\n")]
    [InlineData("invbool", "Y\n")]
    [InlineData("charp", "(null)\n")]
    [InlineData("string", "\n")]
    public void Zero_values_print_like_the_kernel(string type, string shown)
    {
        Assert.Equal(shown, new ModuleParams([P(type)]).param_get("p"));
    }

    [Theory]
    [InlineData("byte", "p=256", -34)]
    [InlineData("byte", "p=-1", -22)]
    [InlineData("ushort", "p=65536", -34)]
    [InlineData("uint", "p=-1", -22)]
    [InlineData("bool", "p=maybe", -22)]
    [InlineData("bool", "p=", -22)]
    [InlineData("invbool", "p", -22)]
    [InlineData("charp", "p", -22)]
    public void Bad_values_fail_with_the_kernel_errno(string type, string args, int errno)
    {
        var (err, _, log) = Load(P(type), args);
        Assert.Equal(errno, err);
        Assert.Single(log);
    }

    [Fact]
    public void A_string_that_does_not_fit_is_ENOSPC_with_two_lines()
    {
        var (err, shown, log) = Load(P("string", "abc"), "p=12345678");
        Assert.Equal(-Errno.ENOSPC, err);
        Assert.Equal("abc\n", shown);
        // "%s: string doesn't fit in %u chars.\n", then parse_args' "`%s' too large for parameter `%s'"
        Assert.Equal(["p: string doesn't fit in 7 chars.", "m: `12345678' too large for parameter `p'"], log);
    }

    [Fact]
    public void A_charp_over_1024_characters_is_ENOSPC()
    {
        string big = new('x', 1025);
        var (err, shown, log) = Load(P("charp"), "p=" + big);
        Assert.Equal(-Errno.ENOSPC, err);
        Assert.Equal("(null)\n", shown);
        Assert.Equal(["p: string parameter too long", $"m: `{big}' too large for parameter `p'"], log);

        Assert.Equal(0, Load(P("charp"), "p=" + new string('x', 1024)).Error);
    }

    [Fact]
    public void bool_enable_only_cannot_be_cleared_once_set()
    {
        var log = new KernelLog();
        var p = new ModuleParams([P("bool_enable_only", "Y")]);
        Assert.Equal(-Errno.EROFS, Params.load_module_parse_args("m", "p=0", p, log).Error);
        Assert.Equal("Y\n", p.param_get("p"));
    }

    [Fact]
    public void Arrays_take_comma_separated_values_and_print_them_joined()
    {
        var (err, shown, log) = Load(P("array of int"), "p=1,-2,0x10");
        Assert.Equal(0, err);
        Assert.Empty(log);
        Assert.Equal("1,-2,16\n", shown);
    }

    [Fact]
    public void An_array_without_a_count_pointer_shows_all_its_elements()
    {
        var spec = P("array of int") with { ArrayHasNum = false };
        Assert.Equal("0,0,0,0\n", new ModuleParams([spec]).param_get("p"));
        Assert.Equal("5,6,0,0\n", Load(spec, "p=5,6").Shown);
    }

    [Fact]
    public void An_array_with_a_count_pointer_and_no_elements_reads_empty()
    {
        Assert.Equal("", new ModuleParams([P("array of int")]).param_get("p"));
        Assert.Equal("a,b\n", new ModuleParams([P("array of charp", "a,b")]).param_get("p"));
        Assert.Equal("Y,N,Y\n", Load(P("array of bool"), "p=1,0,y").Shown);
    }

    [Fact]
    public void Too_many_array_elements_is_EINVAL_and_parse_args_prints_the_mangled_value()
    {
        var (err, shown, log) = Load(P("array of int"), "p=1,2,3,4,5");
        Assert.Equal(-Errno.EINVAL, err);
        Assert.Equal("1,2,3,4\n", shown);
        // param_array() NULs each comma, so parse_args' message shows only the first element.
        Assert.Equal(["p: can only take 4 arguments", "m: `1' invalid for parameter `p'"], log);
    }

    [Fact]
    public void A_bad_array_element_keeps_the_elements_before_it()
    {
        var (err, shown, log) = Load(P("array of int"), "p=7,x,9");
        Assert.Equal(-Errno.EINVAL, err);
        Assert.Equal("7\n", shown);
        Assert.Equal(["m: `7' invalid for parameter `p'"], log);

        var (err2, _, log2) = Load(P("array of int"), "p=1,");
        Assert.Equal(-Errno.EINVAL, err2);
        Assert.Equal(["m: `1' invalid for parameter `p'"], log2);
    }

    [Theory]
    [InlineData("xint")]
    [InlineData("array of string")]
    [InlineData("array of nope")]
    public void Unknown_types_are_rejected_naming_the_parameter(string type)
    {
        var e = Assert.Throws<ArgumentException>(() => new ModuleParams([P(type)]));
        Assert.Contains("parameter 'p'", e.Message, StringComparison.Ordinal);
        Assert.Contains(type, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_that_cannot_exist_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ModuleParams([P("array of int") with { ArrayMax = 0 }]));
        Assert.Throws<ArgumentException>(() => new ModuleParams([P("string") with { StringMaxLen = 0 }]));
        Assert.Throws<ArgumentException>(() => new ModuleParams([P("int") with { Perm = Modes.S666 }]));
        var e = Assert.Throws<ArgumentException>(() => new ModuleParams([P("int", "abc")]));
        Assert.Contains("EINVAL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_initial_values()
    {
        var p = new ModuleParams([P("int", "42"), P("charp", "dflt") with { Name = "q" }]);
        Assert.Equal("42\n", p.param_get("p"));
        Assert.Equal("dflt\n", p.param_get("q"));
        Assert.Equal(
            [new ParamSnapshot("p", Modes.S644, "42\n"), new ParamSnapshot("q", Modes.S644, "dflt\n")],
            p.Snapshot());
    }
}
