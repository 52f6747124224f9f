using Xunit;

namespace ModActors.Kernel.Tests;

public class ParamsTests
{
    // The oracle's slow.ko: module_param(delay_ms, int, Modes.S444), ret, exit_delay_ms likewise.
    private static ModuleParams Slow() => new(
    [
        new ModuleParam { Name = "delay_ms", Type = "int", Perm = Modes.S444 },
        new ModuleParam { Name = "ret", Type = "int", Perm = Modes.S444 },
        new ModuleParam { Name = "exit_delay_ms", Type = "int", Perm = Modes.S444 },
    ]);

    private static (ModuleArgsResult Result, IReadOnlyList<string> Log, ModuleParams Params) LoadSlow(string args)
    {
        var log = new KernelLog();
        ModuleParams p = Slow();
        return (Params.load_module_parse_args("slow", args, p, log), log.Texts(), p);
    }

    [Fact]
    public void Good_params_set_the_variables_and_log_nothing()
    {
        var (result, log, p) = LoadSlow("delay_ms=1000 ret=-5");
        Assert.Equal(0, result.Error);
        Assert.Empty(log);
        Assert.Equal("1000\n", p.param_get("delay_ms"));
        Assert.Equal("-5\n", p.param_get("ret"));
        Assert.Equal("0\n", p.param_get("exit_delay_ms"));
    }

    [Fact]
    public void K14_unknown_parameter_is_ignored_with_a_warning()
    {
        var (result, log, _) = LoadSlow("nosuch=1");
        Assert.Equal(0, result.Error);
        Assert.Equal(["slow: unknown parameter 'nosuch' ignored"], log);
    }

    [Fact]
    public void K16_non_number_is_EINVAL()
    {
        var (result, log, _) = LoadSlow("delay_ms=abc");
        Assert.Equal(-Errno.EINVAL, result.Error);
        // "%s: `%s' invalid for parameter `%s'\n"
        Assert.Equal(["slow: `abc' invalid for parameter `delay_ms'"], log);
    }

    [Fact]
    public void K17_out_of_range_number_is_ERANGE()
    {
        var (result, log, _) = LoadSlow("delay_ms=99999999999");
        Assert.Equal(-Errno.ERANGE, result.Error);
        Assert.Equal(["slow: `99999999999' invalid for parameter `delay_ms'"], log);
    }

    [Fact]
    public void K18_missing_value_is_EINVAL_and_prints_an_empty_value()
    {
        var (result, log, _) = LoadSlow("delay_ms");
        Assert.Equal(-Errno.EINVAL, result.Error);
        Assert.Equal(["slow: `' invalid for parameter `delay_ms'"], log);
    }

    [Fact]
    public void K19_K20_every_bad_param_is_logged_and_the_errno_is_the_last_ones()
    {
        var (k19, log19, _) = LoadSlow("delay_ms=abc ret=xyz");
        Assert.Equal(-Errno.EINVAL, k19.Error);
        Assert.Equal(["slow: `abc' invalid for parameter `delay_ms'", "slow: `xyz' invalid for parameter `ret'"], log19);

        var (k20, log20, _) = LoadSlow("ret=xyz delay_ms=99999999999");
        Assert.Equal(-Errno.ERANGE, k20.Error);
        Assert.Equal(["slow: `xyz' invalid for parameter `ret'", "slow: `99999999999' invalid for parameter `delay_ms'"], log20);
    }

    [Fact]
    public void A_good_param_after_a_bad_one_still_keeps_the_error()
    {
        var (result, _, p) = LoadSlow("delay_ms=abc ret=3");
        Assert.Equal(-Errno.EINVAL, result.Error);
        Assert.Equal("3\n", p.param_get("ret"));
    }

    [Fact]
    public void K21_params_after_double_dash_are_ignored_with_a_warning()
    {
        var (result, log, p) = LoadSlow("delay_ms=5 -- ret=-5");
        Assert.Equal(0, result.Error);
        // "%s: parameters '%s' after `--' ignored\n"
        Assert.Equal(["slow: parameters 'ret=-5' after `--' ignored"], log);
        Assert.Equal("5\n", p.param_get("delay_ms"));
        Assert.Equal("0\n", p.param_get("ret"));
    }

    [Fact]
    public void A_trailing_double_dash_warns_about_empty_parameters()
    {
        var (result, log, _) = LoadSlow("delay_ms=5 --");
        Assert.Equal(0, result.Error);
        Assert.Equal(["slow: parameters '' after `--' ignored"], log);
    }

    [Fact]
    public void Double_dash_after_a_failure_returns_the_failure_without_the_warning()
    {
        var (result, log, _) = LoadSlow("delay_ms=x -- ret=1");
        Assert.Equal(-Errno.EINVAL, result.Error);
        Assert.Equal(["slow: `x' invalid for parameter `delay_ms'"], log);
    }

    [Fact]
    public void Dashes_and_underscores_are_the_same_in_parameter_names()
    {
        var (result, log, p) = LoadSlow("exit-delay-ms=7");
        Assert.Equal(0, result.Error);
        Assert.Empty(log);
        Assert.Equal("7\n", p.param_get("exit_delay_ms"));
    }

    [Fact]
    public void Quotes_group_spaces_and_are_dropped_from_values()
    {
        var log = new KernelLog();
        var p = new ModuleParams([new ModuleParam { Name = "name", Type = "charp", Perm = Modes.S644 }]);
        Assert.Equal(0, Params.load_module_parse_args("m", "  name=\"a b  c\"  ", p, log).Error);
        Assert.Equal("a b  c\n", p.param_get("name"));

        Assert.Equal(0, Params.load_module_parse_args("m", "\"name=x y\"", p, log).Error);
        Assert.Equal("x y\n", p.param_get("name"));
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void Only_the_last_value_of_a_repeated_param_is_kept()
    {
        var (_, _, p) = LoadSlow("ret=1 ret=2");
        Assert.Equal("2\n", p.param_get("ret"));
    }

    [Fact]
    public void An_equals_sign_in_first_position_is_part_of_the_name()
    {
        var (result, log, _) = LoadSlow("=5");
        Assert.Equal(0, result.Error);
        Assert.Equal(["slow: unknown parameter '=5' ignored"], log);
    }

    [Fact]
    public void dyndbg_and_async_probe_are_taken_silently()
    {
        var (result, log, _) = LoadSlow("dyndbg=+p slow.dyndbg async_probe");
        Assert.Equal(0, result.Error);
        Assert.True(result.AsyncProbeRequested);
        Assert.Empty(log);

        Assert.False(LoadSlow("async_probe=0").Result.AsyncProbeRequested);
        Assert.True(LoadSlow("async_probe=maybe").Result.AsyncProbeRequested);
    }

    [Fact]
    public void An_unknown_dotted_name_is_reported_cut_at_the_dot_as_dynamic_debug_leaves_it()
    {
        var (_, log, _) = LoadSlow("foo.bar=1");
        Assert.Equal(["slow: unknown parameter 'foo' ignored"], log);
    }

    [Fact]
    public void parse_args_without_an_unknown_handler_reports_unknown_parameters_as_ENOENT()
    {
        var log = new KernelLog();
        ParseArgsResult r = Params.parse_args("slow", "nosuch=1", Slow(), log, null);
        Assert.Equal(-Errno.ENOENT, r.Error);
        Assert.Equal(["slow: Unknown parameter `nosuch'"], log.Texts());
    }

    [Fact]
    public void Empty_and_blank_args_parse_to_nothing()
    {
        Assert.Equal(0, LoadSlow("").Result.Error);
        Assert.Empty(LoadSlow(" \t\n").Log);
    }

    [Theory]
    [InlineData("a=1 b", "a", "1", "b")]
    [InlineData("\"a=1 2\" b", "a", "1 2", "b")]
    [InlineData("a=\"x\"y b", "a", "x\"y", "b")]
    [InlineData("a=\"x y\" b", "a", "x y", "b")]
    public void next_arg_splits_like_the_kernel(string args, string param, string val, string rest)
    {
        char[] buf = (args + "\0").ToCharArray();
        int next = Params.next_arg(buf, 0, out int p, out int v);
        Assert.Equal(param, new string(buf, p, Array.IndexOf(buf, '\0', p) - p));
        Assert.Equal(val, new string(buf, v, Array.IndexOf(buf, '\0', v) - v));
        Assert.Equal(rest, new string(buf, next, Array.IndexOf(buf, '\0', next) - next));
    }
}
