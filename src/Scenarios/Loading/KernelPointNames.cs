// The kernel points tasks publish as they enter kernel functions (KTask.Point in src/Actors/Kernel),
// and which of them each call can pass, so a wait on a point no call of the awaited task reaches is
// reported before anything runs. Loads reach request_module and modprobe too: a module's init can
// request another module from the loading task.
namespace ModActors.Scenarios;

internal static class KernelPointNames
{
    private static readonly string[] Load =
    [
        "finit_module", "idempotent", "idempotent_wait_for_completion", "init_module_from_file", "init_module", "load_module",
        "early_mod_check", "layout_and_allocate", "add_unformed_module", "module_patient_check_exists:wait",
        "simplify_symbols", "complete_formation", "prepare_coming_module", "parse_args", "do_init_module",
        "request_module", "modprobe", "try_module_get",
    ];

    private static readonly string[] Delete = ["delete_module", "try_stop_module", "free_module"];

    public static IReadOnlyList<string> All { get; } = [.. Load, .. Delete];

    public static IReadOnlyList<string> ReachedBy(CallOp op) => op switch
    {
        CallOp.finit_module or CallOp.init_module or CallOp.request_module or CallOp.modprobe => Load,
        CallOp.delete_module => Delete,
        CallOp.try_module_get => ["try_module_get"],
        _ => [],
    };
}

internal static class StateNames
{
    public static Kernel.ModuleState? Parse(string name) => name switch
    {
        "live" => Kernel.ModuleState.Live,
        "coming" => Kernel.ModuleState.Coming,
        "going" => Kernel.ModuleState.Going,
        "unformed" => Kernel.ModuleState.Unformed,
        _ => null,
    };

    public static string Of(Kernel.ModuleState state) => state.ToString().ToLowerInvariant();
}
