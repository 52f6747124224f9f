// Synthetic twins of the oracle's test modules (../shared/oracle/modules): slow (delay_ms, ret, exit_delay_ms),
// noexit, expa (three exports), useb (uses expa_value), propc (proprietary, uses expa_gpl), nsuser/nsok (namespace),
// notif (a logging notifier with a veto parameter).
using ModActors.Kernel;

namespace ModActors.Kernel.Tests.Loader;

internal static class TestModules
{
    private static ModuleParam Int(string name, string? def = null) => new() { Name = name, Type = "int", Perm = 0x124, Default = def };

    private static IntOrParam P(string name) => new(0, name);

    public static ModuleDefinition Slow { get; } = new()
    {
        Name = "slow",
        Params = [Int("delay_ms"), Int("ret"), Int("exit_delay_ms")],
        Init = new ModuleBehaviour([new LogAction("init begin pid={pid} delay_ms={delay_ms} ret={ret}"), new SleepAction(P("delay_ms")),
            new LogAction("init end"), new ReturnAction(P("ret"))]),
        Exit = new ModuleBehaviour([new LogAction("exit begin"), new SleepAction(P("exit_delay_ms")), new LogAction("exit end")]),
    };

    public static ModuleDefinition NoExit { get; } = new() { Name = "noexit", HasExit = false, CoreSize = 8192 };

    public static ModuleDefinition Expa { get; } = new()
    {
        Name = "expa",
        Params = [Int("delay_ms"), Int("ret")],
        Exports = [new SymbolExport("expa_value"), new SymbolExport("expa_gpl", GplOnly: true), new SymbolExport("expa_ns", Namespace: "EXPA_NS")],
        Init = new ModuleBehaviour([new SleepAction(P("delay_ms")), new ReturnAction(P("ret"))]),
    };

    public static ModuleDefinition Useb { get; } = new() { Name = "useb", Imports = ["expa_value"], Depends = ["expa"] };

    public static ModuleDefinition Propc { get; } = new() { Name = "propc", License = "Proprietary", Imports = ["expa_gpl"] };

    public static ModuleDefinition NsUser { get; } = new() { Name = "nsuser", Imports = ["expa_ns"] };

    public static ModuleDefinition NsOk { get; } = new() { Name = "nsok", Imports = ["expa_ns"], ImportNamespaces = ["EXPA_NS"] };

    public static ModuleDefinition Notif(params string[] veto) => new()
    {
        Name = "notif",
        Init = new ModuleBehaviour([new RegisterNotifierAction(Veto: veto)]),
        Exit = new ModuleBehaviour([new UnregisterNotifierAction()]),
    };

    /// <summary>A harness with every test module installed under /m/NAME.ko.</summary>
    public static KernelHarness All(KernelConfig? config = null, Runtime.ISchedulingStrategy? strategy = null, params string[] veto) =>
        new KernelHarness(config, strategy)
            .File("/m/slow.ko", Slow).File("/m/noexit.ko", NoExit).File("/m/expa.ko", Expa).File("/m/useb.ko", Useb)
            .File("/m/propc.ko", Propc).File("/m/nsuser.ko", NsUser).File("/m/nsok.ko", NsOk).File("/m/notif.ko", Notif(veto));
}
