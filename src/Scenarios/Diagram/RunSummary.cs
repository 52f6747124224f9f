// What the scenario runner knows about a run beyond its trace: the scenario, the schedule that produced
// it, each system call's result and the verdict. The race diagrams print it in their heading and mark the
// calls' results and the failing step on the lanes.
namespace ModActors.Scenarios.Diagram;

/// <summary>One system call a scenario task made, and what it returned.</summary>
/// <param name="Task">The task that made the call.</param>
/// <param name="Op">The call, e.g. <c>finit_module</c> or <c>delete_module</c>.</param>
/// <param name="Target">What it was called on: a path or a module name.</param>
/// <param name="Rc">Its return value (0, or a negative errno).</param>
/// <param name="Errno">The errno's name (e.g. <c>EEXIST</c>) when <paramref name="Rc"/> is negative, else null.</param>
/// <param name="StartStep">The trace step at which the call started.</param>
/// <param name="EndStep">The trace step at which it returned.</param>
public sealed record CallResult(string Task, string Op, string Target, int Rc, string? Errno, long StartStep, long EndStep);

/// <summary>A run as the scenario runner saw it: what ran, under which schedule, and whether it passed.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The strategy's seed.</param>
/// <param name="Strategy">The scheduling strategy (fifo, random, pct, dfs, replay).</param>
/// <param name="Calls">The calls the scenario's tasks made, in the order they returned.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Verdict">The verdict in words, e.g. <c>pass</c> or what failed.</param>
/// <param name="FailingStep">The trace step where the run went wrong, if one can be named.</param>
public sealed record RunSummary(
    string Scenario,
    long Seed,
    string Strategy,
    IReadOnlyList<CallResult> Calls,
    bool Passed,
    string Verdict,
    long? FailingStep);
