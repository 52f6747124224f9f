// The steps a scenario task runs: the module system calls (each recorded with its result and checked
// against its expectation) and the steps that shape the interleaving (sleep, wait for another task's
// kernel point or a module's state).
using ModActors.Kernel;

namespace ModActors.Scenarios;

/// <summary>One step of a task.</summary>
internal abstract record Step(SourceMark Mark);

/// <summary>The system calls a step can make.</summary>
internal enum CallOp
{
    finit_module,
    init_module,
    delete_module,
    try_module_get,
    module_put,
    request_module,
    modprobe,
    read,
    kill,
    write,
}

/// <summary>
/// A call: <paramref name="Target"/> is the path (finit, init, read) or the module name; <paramref name="Holder"/>
/// names who holds a reference for try_module_get/module_put.
/// </summary>
internal sealed record CallStep(SourceMark Mark, CallOp Op, string Target, string Args, int Flags, string? Holder) : Step(Mark)
{
    public CallExpectation? Expect { get; init; }
}

/// <summary>msleep on virtual time.</summary>
internal sealed record SleepStep(SourceMark Mark, long Milliseconds) : Step(Mark);

/// <summary>Wait until task <paramref name="Task"/> reaches kernel point <paramref name="Point"/>.</summary>
internal sealed record WaitPointStep(SourceMark Mark, string Task, string Point) : Step(Mark);

/// <summary>Wait until task <paramref name="Task"/>'s program has finished.</summary>
internal sealed record WaitDoneStep(SourceMark Mark, string Task) : Step(Mark);

/// <summary>Wait until module <paramref name="Module"/> has been in state <paramref name="State"/>.</summary>
internal sealed record WaitStateStep(SourceMark Mark, string Module, ModuleState State) : Step(Mark);
