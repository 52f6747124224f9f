// Everything one finished run showed: the runtime's result, each call's result, the final state a user
// can read (/proc/modules, taints, references, dmesg) and the expectations that failed. Its key groups
// runs into outcomes: the per-call results in task and step order plus the final /proc/modules, so two
// runs that differ only in timing are one outcome.
using ModActors.Runtime;

namespace ModActors.Scenarios;

internal sealed record FinalState(
    string ProcModules,
    string KernelTaint,
    IReadOnlyList<(string Holder, IReadOnlyList<string> Modules)> References,
    IReadOnlyList<string> Dmesg);

internal sealed record RunReport(
    RunResult Result,
    IReadOnlyList<CallRecord> Calls,
    FinalState Final,
    IReadOnlyList<string> Failures,
    string Key)
{
    public bool Passed => Failures.Count == 0;

    public RunVerdict Verdict => new(Key, Passed);
}
