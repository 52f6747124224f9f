// How the kernel spells things in logs and in our traces: module states as in enum module_state.
namespace ModActors.Kernel;

internal static class Names
{
    public static string State(ModuleState state) => state switch
    {
        ModuleState.Live => "LIVE",
        ModuleState.Coming => "COMING",
        ModuleState.Going => "GOING",
        _ => "UNFORMED",
    };
}
