// The program of one stress task: its operations in order, each one system call (a get-put is
// try_module_get then, when it succeeded, module_put — twice under the planted double-put bug). Every call's
// result is counted; the task's name is the holder name of its references.
using ModActors.Kernel;

namespace ModActors.Scenarios.Stress;

internal sealed class StressTaskProgram(StressWorkload workload, int task, string name, StressCounts counts,
    HolderLedger ledger, StressProgress? progress, PlantedBug plant)
{
    private const int O_NONBLOCK = 0x800;

    public async Task<int> Run(KTask t)
    {
        var end = workload.TaskStart[task + 1];
        for (var i = workload.TaskStart[task]; i < end; i++)
        {
            var op = workload.Ops[i];
            var module = workload.Modules[op.Module];
            switch (op.Kind)
            {
                case StressOpKind.Load:
                    counts.Record(StressCall.finit_module, await Syscalls.finit_module(t, module.Paths[op.Copy], "", 0));
                    break;
                case StressOpKind.Init:
                    counts.Record(StressCall.init_module, await Syscalls.init_module(t, module.Paths[op.Copy], ""));
                    break;
                case StressOpKind.Unload:
                    counts.Record(StressCall.delete_module, await Syscalls.delete_module(t, module.Name, O_NONBLOCK));
                    break;
                case StressOpKind.GetPut:
                    await GetPut(t, op.Module, module.Name);
                    break;
            }
            progress?.OpDone();
        }
        return 0;
    }

    private async Task GetPut(KTask t, int module, string moduleName)
    {
        var rc = await Syscalls.try_module_get(t, name, moduleName);
        counts.Record(StressCall.try_module_get, rc);
        if (rc != 0)
            return;
        ledger.Got(task, module);
        var puts = plant == PlantedBug.Refcount ? 2 : 1;
        for (var p = 0; p < puts; p++)
        {
            ledger.Put(task, name, module, moduleName);
            counts.Record(StressCall.module_put, await Syscalls.module_put(t, name, moduleName));
        }
    }
}
