// The steps that say what the oracle's scripts do: write a module parameter through sysfs, wait until another
// task's program has finished, read /proc/sys/kernel/tainted, expect a read to fail; and the timing key.
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class NewStepTests
{
    private const string Notif = """
        modules:
          notif:
            params: { veto: { type: charp, perm: "0644" }, level: { type: int, perm: "0644" }, ro: int }
            init: [ notifier: { veto: $veto } ]
            exit: [ unregister_notifier: true ]
          slow: { init: [ log: "init" ], exit: [ log: "exit" ] }
        """;

    [Fact]
    public void A_sysfs_write_goes_through_the_parameters_ops_and_the_notifier_sees_the_new_value()
    {
        var r = ScenarioFiles.Run(Notif + """

            tasks:
              t:
                - finit_module: /lib/modules/notif.ko
                - write: { path: /sys/module/notif/parameters/level, text: "12\n" }
                - expect: 3
                - write: { path: /sys/module/notif/parameters/level, text: twelve }
                - expect: -EINVAL
                - read: /sys/module/notif/parameters/level
                - expect: "12\n"
                - write: { path: /sys/module/notif/parameters/ro, text: "1" }
                - expect: -EACCES
                - write: { path: /sys/module/slow/parameters/x, text: "1" }
                - expect: -ENOENT
                - write: { path: /sys/module/notif/parameters/veto, text: "slow\n" }
                - expect: 5
                - finit_module: /lib/modules/slow.ko
                - expect: -EPERM
                - write: { path: /sys/module/notif/parameters/veto, text: other }
                - finit_module: /lib/modules/slow.ko
                - expect: 0
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        Assert.Contains(r.Final.Dmesg, l => l.EndsWith("] notif: slow VETO -EPERM", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wait_for_a_task_to_be_done_holds_until_its_last_call_returned()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: { file: /lib/modules/slow.ko, args: delay_ms=500 }, expect: 0 ]
              b: [ wait: { task: a, done: true }, read: /sys/module/slow/initstate, expect: "live\n", read: /proc/sys/kernel/tainted, expect: "12288\n" ]
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        Assert.True(r.Calls.Single(c => c.Task == "b" && c.Call.Target == "/sys/module/slow/initstate").Start >= r.Calls.Single(c => c.Task == "a").End);
    }

    [Fact]
    public void A_failing_read_is_expected_with_its_errno()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a: [ read: /sys/module/slow/refcnt, expect: -ENOENT, finit_module: /lib/modules/slow.ko, read: /sys/module/slow/refcnt, expect: "0\n" ]
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        var wrong = ScenarioFiles.Run(ScenarioFiles.Slow + "\n\ntasks:\n  a: [ read: /sys/module/slow/refcnt, expect: -EACCES ]\n");
        Assert.Contains("returned -ENOENT, expected -EACCES", Assert.Single(wrong.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tasks:\n  a: [ wait: { task: a, done: true } ]\n", "s.yaml:2:22: task a waits for itself to finish (expected another task's name)")]
    [InlineData("tasks:\n  a: [ wait: { task: b, done: false } ]\n  b: [ sleep: 1s ]\n", "s.yaml:2:31: wait's done is false (expected done: true)")]
    [InlineData("tasks:\n  a: [ write: { path: /proc/modules, text: x } ]\n", "s.yaml:2:23: cannot write '/proc/modules' (expected /sys/module/NAME/parameters/PARAM)")]
    [InlineData("tasks:\n  a: [ write: /sys/module/x/parameters/y ]\n", "s.yaml:2:15: write has no text (expected write: { path: /sys/module/NAME/parameters/PARAM, text: VALUE })")]
    [InlineData("kernel: { timing: fast }\ntasks:\n  a: [ sleep: 1s ]\n", "s.yaml:1:19: timing profile 'fast' is unknown (expected instant or qemu-tcg)")]
    [InlineData("kernel: { timing: { free_module: [5ms, 1ms] } }\ntasks:\n  a: [ sleep: 1s ]\n", "s.yaml:1:34: free_module is [5, 1], not a range (expected a duration or [min, max] such as [5ms, 20ms])")]
    [InlineData("kernel: { timing: { load: 1ms } }\ntasks:\n  a: [ sleep: 1s ]\n", "s.yaml:1:21: unknown key 'load' in timing")]
    public void Mistakes_in_the_new_steps_are_reported_with_their_position(string yaml, string error)
    {
        var r = ScenarioFiles.Parse(yaml, "s.yaml");
        Assert.Null(r.Scenario);
        Assert.Contains(r.Errors.Select(e => e.ToString()), e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_timing_override_changes_a_stage_and_the_profile_name()
    {
        var sc = ScenarioFiles.Load(ScenarioFiles.Slow + """

            kernel: { timing: { profile: instant, do_init_module: 50ms, msleep_overrun: [0, 0] } }
            tasks:
              a: [ finit_module: /lib/modules/slow.ko ]
            """);
        Assert.Equal("instant+overrides", sc.Config.Timing.Name);
        Assert.Equal(new ModActors.Kernel.StageRange(50, 50), sc.Config.Timing["do_init_module"]);
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            kernel: { timing: { profile: instant, do_init_module: 50ms } }
            tasks:
              a: [ finit_module: /lib/modules/slow.ko ]
            """);
        Assert.Equal(50, r.Calls[0].End.TotalMilliseconds);
    }
}
