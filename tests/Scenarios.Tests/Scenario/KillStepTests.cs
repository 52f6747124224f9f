// The `kill: TASK` step: a signal to another task, checked before anything runs and recorded like a call.
using Xunit;

namespace ModActors.Scenarios.Tests.Scenario;

public sealed class KillStepTests
{
    private static IReadOnlyList<string> Errors(string yaml) => ScenarioFiles.Parse(yaml, "s.yaml").Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Signalling_an_unknown_task_or_oneself_is_reported_with_its_position()
    {
        var errors = Errors("tasks:\n  a: [ kill: zz ]\n  b: [ kill: b ]\n");
        Assert.Contains("s.yaml:2:14: unknown task 'zz' (expected one of b)", errors);
        Assert.Contains("s.yaml:3:14: task b signals itself (expected another task's name)", errors);
    }

    [Fact]
    public void A_signal_is_a_recorded_call_whose_result_can_be_expected()
    {
        var report = ScenarioFiles.Run(ScenarioFiles.Slow + """

            tasks:
              a: [ finit_module: { file: /lib/modules/slow.ko, args: delay_ms=1000 } ]
              b: [ sleep: 100ms, finit_module: /lib/modules/slow.ko, expect: -EINTR ]
              c: [ sleep: 500ms, kill: b, expect: 0, sleep: 1s, kill: b, expect: -ESRCH ]
            """);
        Assert.True(report.Passed, string.Join("; ", report.Failures));
        Assert.Equal(2, report.Calls.Count(c => c.Call.Op == CallOp.kill));
    }
}
