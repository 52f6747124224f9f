// One system call of a stress workload's task, and the kinds of call the summary counts.
namespace ModActors.Scenarios.Stress;

/// <summary>The system calls a stress workload makes.</summary>
public enum StressCall
{
    /// <summary>finit_module(open(path), "", 0).</summary>
    finit_module,

    /// <summary>init_module(image, len, "").</summary>
    init_module,

    /// <summary>delete_module(name, O_NONBLOCK).</summary>
    delete_module,

    /// <summary>try_module_get(module) by the task as holder.</summary>
    try_module_get,

    /// <summary>module_put(module) by the task as holder.</summary>
    module_put,
}

/// <summary>One workload operation: a load, init, unload or get-put of module <c>Module</c> (file copy <c>Copy</c>).</summary>
internal readonly record struct StressOp(StressOpKind Kind, int Module, byte Copy);

/// <summary>What an operation does.</summary>
internal enum StressOpKind : byte
{
    Load,
    Init,
    Unload,
    GetPut,
}
