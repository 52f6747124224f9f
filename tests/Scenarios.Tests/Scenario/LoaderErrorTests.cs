// The loader reports every mistake in a scenario file with its line and column and what was expected,
// all at once, before anything runs.
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class LoaderErrorTests
{
    private static IReadOnlyList<string> Errors(string yaml)
    {
        var r = ScenarioFiles.Parse(yaml, "s.yaml");
        Assert.Null(r.Scenario);
        return [.. r.Errors.Select(e => e.ToString())];
    }

    private static void HasError(string yaml, string expected) =>
        Assert.Contains(expected, Errors(yaml));

    [Fact]
    public void An_unknown_key_is_reported_with_its_position_and_the_keys_allowed()
    {
        var errors = Errors("tasks:\n  a: [ sleep: 1s ]\ncolour: red\n");
        Assert.Single(errors);
        Assert.StartsWith("s.yaml:3:1: unknown key 'colour' in the scenario (expected one of name, kernel, modules", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_is_reported()
    {
        HasError("kernel: { sig_enforce: maybe }\ntasks:\n  a: [ sleep: 1s ]\n", "s.yaml:1:24: sig_enforce is 'maybe' (expected true or false)");
        HasError("kernel: [ 1 ]\ntasks:\n  a: [ sleep: 1s ]\n", "s.yaml:1:9: kernel is a list (expected a mapping of key: value)");
    }

    [Fact]
    public void Unknown_module_task_and_file_names_are_reported()
    {
        var errors = Errors(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: /lib/modules/nosuch.ko, delete_module: nosuch ]
              b: [ wait: { task: zz, reaches: load_module } ]
            """);
        Assert.Contains(errors, e => e.StartsWith("s.yaml:7:22: unknown file '/lib/modules/nosuch.ko'", StringComparison.Ordinal));
        Assert.Contains("s.yaml:7:61: unknown module 'nosuch' (expected one of slow)", errors);
        Assert.Contains("s.yaml:8:22: unknown task 'zz' (expected one of a, b)", errors);
    }

    [Fact]
    public void Bad_errno_names_are_reported()
    {
        HasError(ScenarioFiles.Slow + "\ntasks:\n  a: [ finit_module: /lib/modules/slow.ko, expect: -EWHAT ]\n",
            "s.yaml:7:52: expect '-EWHAT' is not a result (expected 0, a number, or a negative errno name such as -EEXIST)");
        HasError(ScenarioFiles.Slow + "\ntasks:\n  a: [ finit_module: /lib/modules/slow.ko, expect: { one_of: [0, EEXIST] } ]\n",
            "s.yaml:7:66: an entry of one_of 'EEXIST' is not a result (expected 0, a number, or a negative errno name such as -EEXIST)");
    }

    [Fact]
    public void Impossible_waits_are_reported()
    {
        var errors = Errors(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: /lib/modules/slow.ko ]
              b:
                - wait: { task: b, reaches: load_module }
                - wait: { task: a, reaches: somewhere }
                - wait: { task: a, reaches: try_stop_module }
                - wait: { module: slow, state: sleeping }
            """);
        Assert.Contains("s.yaml:9:21: task b waits for itself (expected another task's name)", errors);
        Assert.Contains(errors, e => e.StartsWith("s.yaml:10:33: unknown kernel point 'somewhere'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("s.yaml:11:33: task b waits for task a to reach try_stop_module, but none of a's calls passes there", StringComparison.Ordinal));
        Assert.Contains("s.yaml:12:36: unknown module state 'sleeping' (expected live, coming, going or unformed)", errors);
    }

    [Fact]
    public void Bad_durations_are_reported()
    {
        HasError("tasks:\n  a: [ sleep: soon ]\n", "s.yaml:2:15: sleep is 'soon' (expected a duration such as 200ms, 1s or 30s, at most 1000 days)");
    }

    [Theory]
    [InlineData("200ms", 200)]
    [InlineData("1s", 1000)]
    [InlineData("30s", 30000)]
    [InlineData("1.5s", 1500)]
    [InlineData("250", 250)]
    public void Durations_read_as_milliseconds(string text, long ms) => Assert.Equal(ms, Durations.TryParseMilliseconds(text));

    [Fact]
    public void A_parameter_reference_must_name_a_declared_parameter()
    {
        HasError("modules:\n  m: { params: { delay_ms: int }, init: { sleep: $delay } }\ntasks:\n  a: [ sleep: 1s ]\n",
            "s.yaml:2:50: module m has no parameter 'delay' (expected one of $delay_ms)");
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once_in_file_order()
    {
        var errors = Errors("kernel: { profile: \"5.10\" }\nmodules:\n  m: { license: [GPL] }\ntasks:\n  a: [ sleep: x, expect: 0 ]\nexplore: { runs: 0 }\n");
        Assert.Equal(
            [
                "s.yaml:1:20: kernel profile '5.10' is unknown (expected \"6.12\" or \"6.3\")",
                "s.yaml:3:17: license is a list (expected a value)",
                "s.yaml:5:15: sleep is 'x' (expected a duration such as 200ms, 1s or 30s, at most 1000 days)",
                "s.yaml:5:18: expect in task a follows no call (expected expect right after a call step)",
                "s.yaml:6:18: runs is 0 (expected at least 1)",
            ],
            errors);
    }

    [Fact]
    public void Invalid_YAML_is_one_positioned_error()
    {
        var errors = Errors("tasks:\n  a: [ sleep: 1s\n");
        Assert.Single(errors);
        Assert.StartsWith("s.yaml:3:1: YAML:", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_module_file_that_does_not_exist_is_reported()
    {
        var errors = Errors("modules:\n  expa: { file: ../fixtures/ko/nothere.ko }\ntasks:\n  a: [ sleep: 1s ]\n");
        Assert.Single(errors);
        Assert.StartsWith("s.yaml:2:17: module file", errors[0], StringComparison.Ordinal);
        Assert.Contains("does not exist", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_module_under_another_name_is_reported()
    {
        HasError("modules:\n  other: { file: ../fixtures/ko/expa.ko }\ntasks:\n  a: [ sleep: 1s ]\n",
            "s.yaml:2:18: module 'other' names a file whose module is 'expa' (expected the key expa)");
    }
}
