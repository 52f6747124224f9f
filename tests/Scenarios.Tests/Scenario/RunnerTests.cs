// What one run of a scenario does: each task's steps in order, every call recorded with its result and
// virtual times, per-call and final expectations judged, and a key that groups runs into outcomes.
using ModActors.Runtime;
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class RunnerTests
{
    [Fact]
    public void Each_call_is_recorded_with_its_task_result_and_virtual_times()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: { file: /lib/modules/slow.ko, args: delay_ms=1000 }, expect: 0 ]
              b: [ sleep: 1500ms, finit_module: /lib/modules/slow.ko, expect: -EEXIST, delete_module: slow, expect: 0 ]
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        Assert.Collection(r.Calls,
            c =>
            {
                Assert.Equal(("a", CallOp.finit_module, 0, 0.0), (c.Task, c.Call.Op, c.Rc, c.Start.TotalMilliseconds));
                Assert.InRange(c.End.TotalMilliseconds, 1000 + 10, 1050 + 100);
            },
            c => Assert.Equal(("b", CallOp.finit_module, -17, 1500.0), (c.Task, c.Call.Op, c.Rc, c.Start.TotalMilliseconds)),
            c => Assert.Equal(("b", CallOp.delete_module, 0), (c.Task, c.Call.Op, c.Rc)));
        Assert.Equal("", r.Final.ProcModules);
    }

    [Fact]
    public void A_call_returning_something_else_fails_the_run_naming_the_expectation_line()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: /lib/modules/slow.ko, expect: -EEXIST ]
            """);
        Assert.False(r.Passed);
        Assert.Equal("test.yaml:7:52: a: finit_module /lib/modules/slow.ko returned 0, expected -EEXIST", Assert.Single(r.Failures));
    }

    [Fact]
    public void One_of_and_fails_accept_any_listed_result_or_any_failure()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a:
                - finit_module: /lib/modules/slow.ko
                - expect: { one_of: [-EEXIST, 0] }
                - finit_module: /lib/modules/slow.ko
                - expect: fails
                - delete_module: slow
                - expect: { fails: true }
            """);
        Assert.Equal(["test.yaml:13:15: a: delete_module slow returned 0, expected a failure"], r.Failures);
    }

    [Fact]
    public void Final_expectations_are_checked_against_the_kernel_after_the_run()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: /lib/modules/slow.ko ]
            expect:
              proc_modules: "slow 12288 1 - Live"
              modules: { slow: coming }
              refcnt: { slow: 1 }
              taint: { kernel: P, slow: OE }
              dmesg_contains: ["slow: init end", "never logged"]
              dmesg_not_contains: ["slow: init begin"]
              dmesg_order: ["slow: init end", "slow: init begin"]
              sysfs: { /sys/module/slow/initstate: "live" }
            """);
        Assert.Equal(
            [
                "test.yaml:9:17: /proc/modules is [\"slow 12288 0 - Live 0x0000000000000000 (OE)\"], expected lines beginning [\"slow 12288 1 - Live\"]",
                "test.yaml:10:14: module slow is live, expected coming",
                "test.yaml:11:13: module slow has refcnt 0, expected 1",
                "test.yaml:12:12: the kernel is tainted 'OE', expected 'P'",
                "test.yaml:13:38: the kernel log has no line containing \"never logged\"",
                "test.yaml:14:24: the kernel log has \"slow: init begin pid=101\", expected no line containing \"slow: init begin\"",
                "test.yaml:15:16: the kernel log has no line containing \"slow: init begin\" after the previous ones of dmesg_order",
            ],
            r.Failures);
    }

    [Fact]
    public void Reads_record_the_text_of_proc_modules_and_sysfs_files()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: /lib/modules/slow.ko, read: /sys/module/slow/refcnt, expect: "0\n", read: /proc/modules, read: /sys/module/slow/nosuchfile ]
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        Assert.Equal("0\n", r.Calls[1].Text);
        Assert.StartsWith("slow 12288 0 - Live", r.Calls[2].Text, StringComparison.Ordinal);
        Assert.Equal(-2, r.Calls[3].Rc);
    }

    [Fact]
    public void A_wait_for_a_kernel_point_holds_the_task_until_the_other_task_passes_it()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              b: [ wait: { task: a, reaches: do_init_module }, delete_module: slow, expect: -EBUSY ]
              a: [ sleep: 300ms, finit_module: { file: /lib/modules/slow.ko, args: delay_ms=1000 } ]
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        Assert.InRange(r.Calls.Single(c => c.Task == "b").Start.TotalMilliseconds, 300 + 5, 300 + 70);
    }

    [Fact]
    public void Try_module_get_by_a_named_holder_pins_the_module_until_module_put()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a:
                - finit_module: /lib/modules/slow.ko
                - try_module_get: { module: slow, holder: fd }
                - delete_module: slow
                - expect: -EAGAIN
            expect:
              references: { fd: [slow] }
              refcnt: { slow: 1 }
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        var (holder, modules) = Assert.Single(r.Final.References);
        Assert.Equal(("fd", "slow"), (holder, Assert.Single(modules)));
    }

    [Fact]
    public void A_deadlock_fails_a_scenario_that_expects_a_quiescent_end_and_passes_one_that_expects_it()
    {
        const string body = """
            modules:
              selfish: { init: [ request_module: selfish ] }
            tasks:
              t: [ finit_module: /lib/modules/selfish.ko, expect: 0 ]
            """;
        var quiet = ScenarioFiles.Run(body);
        Assert.Equal(RunOutcome.Deadlock, quiet.Result.Outcome);
        Assert.StartsWith("the run ended deadlock, expected quiescent: Deadlock after", Assert.Single(quiet.Failures), StringComparison.Ordinal);
        var expected = ScenarioFiles.Run(body + "\nexpect: { outcome: deadlock }\n");
        Assert.True(expected.Passed, string.Join("\n", expected.Failures));
        Assert.StartsWith("deadlock: t.finit_module=(blocked) | selfish 20480 1 - Loading", expected.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void The_outcome_key_lists_each_call_in_task_order_and_the_final_proc_modules()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            files:
              /tmp/copy.ko: slow
            tasks:
              x: [ sleep: 10ms, finit_module: /tmp/copy.ko ]
              y: [ finit_module: { file: /lib/modules/slow.ko, args: delay_ms=100 } ]
            """);
        Assert.Equal("x.finit_module=-EEXIST, y.finit_module=0 | slow 12288 0 - Live (OE)", r.Key);
    }

    [Fact]
    public void Repeated_tasks_run_count_copies_of_their_steps()
    {
        var r = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              l: { count: 3, steps: [ finit_module: /lib/modules/slow.ko, expect: 0 ] }
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        Assert.Equal(["l-1", "l-2", "l-3"], r.Calls.Select(c => c.Task));
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace()
    {
        var yaml = File.ReadAllText(Path.Combine(ScenarioFiles.Library, "m_concurrent_deletes.yaml"));
        var a = ScenarioFiles.Run(yaml, "pct", 7);
        var b = ScenarioFiles.Run(yaml, "pct", 7);
        Assert.Equal(a.Result.Trace.Hash(), b.Result.Trace.Hash());
        Assert.Equal(a.Key, b.Key);
    }

    [Fact]
    public void An_undeclared_delete_target_reaches_the_kernel_which_finds_no_such_module()
    {
        var r = ScenarioFiles.Run("""
            tasks:
              a: [ delete_module: { name: nosuchmod, undeclared: true }, expect: -ENOENT, delete_module: { name: "", undeclared: true }, expect: -ENOENT ]
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
        Assert.Equal(["nosuchmod", ""], r.Calls.Select(c => c.Call.Target));
    }

    [Fact]
    public void The_sketch_of_the_issue_loads_and_runs()
    {
        var r = ScenarioFiles.Run("""
            name: two loaders, one inode
            kernel: { profile: "6.12", sig_enforce: false }
            modules:
              slow:  { init: { sleep: 1s, ret: 0 } }
              expa:  { file: ../fixtures/ko/expa.ko }
              useb:  { imports: [expa_value], init: { ret: 0 } }
            files:
              /lib/modules/slow.ko: slow
              /tmp/slow-copy.ko: slow
            tasks:
              a: [ finit_module: { file: /lib/modules/slow.ko }, expect: 0 ]
              b:
                - wait: { task: a, reaches: add_unformed_module }
                - finit_module: { file: /tmp/slow-copy.ko }
                - expect: { one_of: [-EEXIST, -EBUSY] }
              c: [ sleep: 200ms, delete_module: { name: slow, flags: [O_NONBLOCK] }, expect: -EBUSY ]
              d: [ finit_module: /lib/modules/expa.ko, finit_module: /lib/modules/useb.ko, expect: 0 ]
            expect:
              proc_modules: ["useb 12288 0 - Live", "expa 12288 1 useb, Live", "slow 12288 0 - Live"]
              refcnt: { slow: 0 }
              dmesg_contains: ["slow: loading out-of-tree module taints kernel."]
            explore: { strategy: pct, depth: 3, runs: 2000, seed: 1 }
            """);
        Assert.True(r.Passed, string.Join("\n", r.Failures));
    }
}
