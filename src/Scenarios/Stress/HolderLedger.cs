// What the workload's holders believe they hold: every reference a task got with try_module_get and has not
// yet given back with module_put. Registered with the runtime as an invariant ("stress holders"), checked
// after every step: a holder never puts a reference it does not hold. The kernel refuses such a put itself
// (module_put of a module the holder has no open file on is -EBADF, and the refcount's module_put is
// atomic_dec_if_positive), so only a workload bug — the planted double put — can break this.
namespace ModActors.Scenarios.Stress;

internal sealed class HolderLedger
{
    private readonly Dictionary<(int Task, int Module), int> held = [];

    public string? Violation { get; private set; }

    public void Got(int task, int module) => held[(task, module)] = held.GetValueOrDefault((task, module)) + 1;

    public void Put(int task, string taskName, int module, string moduleName)
    {
        var left = held.GetValueOrDefault((task, module)) - 1;
        if (left < 0)
            Violation ??= $"holder {taskName} called module_put({moduleName}) without holding a reference (double put)";
        if (left <= 0)
            held.Remove((task, module));
        else
            held[(task, module)] = left;
    }

    public string? Check() => Violation;
}
