// What a module's init or exit function does in the simulation. Real code cannot run here, so a
// scenario says it: sleep (msleep on virtual time), log a line, request another module, take or drop
// references on other modules, register or unregister a module notifier, and return a value. Numbers
// may name one of the module's own parameters ("$delay_ms"), so one definition serves every load, as
// the oracle's slow.ko does with its delay_ms and ret parameters.
namespace ModActors.Kernel;

/// <summary>An integer that is either a constant or the value of one of the module's parameters.</summary>
/// <param name="Constant">The value when <paramref name="Param"/> is null.</param>
/// <param name="Param">A parameter name whose parsed value is used instead.</param>
public sealed record IntOrParam(long Constant, string? Param = null)
{
    /// <summary>A constant.</summary>
    public static implicit operator IntOrParam(long value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Param is null ? Constant.ToString(System.Globalization.CultureInfo.InvariantCulture) : "$" + Param;
}

/// <summary>One thing an init or exit function does.</summary>
public abstract record ModuleAction
{
    private protected ModuleAction()
    {
    }
}

/// <summary>msleep(): sleeps this many milliseconds of virtual time.</summary>
/// <param name="Milliseconds">How long.</param>
public sealed record SleepAction(IntOrParam Milliseconds) : ModuleAction;

/// <summary>pr_info() with the module's "name: " prefix.</summary>
/// <param name="Text">The text; "{pid}" is replaced with the running task's pid.</param>
public sealed record LogAction(string Text) : ModuleAction;

/// <summary>request_module(name): runs modprobe for it and waits.</summary>
/// <param name="Name">The module to request.</param>
public sealed record RequestModuleAction(string Name) : ModuleAction;

/// <summary>try_module_get() on another module, kept until a matching <see cref="PutAction"/>.</summary>
/// <param name="Module">The module to pin.</param>
public sealed record GetAction(string Module) : ModuleAction;

/// <summary>module_put() on another module.</summary>
/// <param name="Module">The module to release.</param>
public sealed record PutAction(string Module) : ModuleAction;

/// <summary>register_module_notifier(): a notifier block that logs every event and may veto some COMINGs.</summary>
/// <param name="Priority">notifier_block.priority (higher is called first).</param>
/// <param name="Veto">Names of modules whose COMING it refuses.</param>
/// <param name="VetoErrno">The errno of the refusal (notifier_from_errno(-errno)).</param>
/// <param name="Log">Whether it logs "owner: module EVENT" for every event.</param>
public sealed record RegisterNotifierAction(int Priority = 0, IReadOnlyList<string>? Veto = null, int VetoErrno = Errno.EPERM,
    bool Log = true) : ModuleAction
{
    /// <summary>
    /// A parameter of the registering module naming the module whose COMING it refuses, read at every event
    /// (sysfs_streq, like the oracle's notif with its veto parameter), so a write through sysfs takes effect.
    /// </summary>
    public string? VetoParam { get; init; }
}

/// <summary>unregister_module_notifier() of the block this module registered.</summary>
public sealed record UnregisterNotifierAction : ModuleAction;

/// <summary>
/// klp_enable_patch() of a livepatch module's init: registers a patch replacing <see cref="KlpObjectSpec.Funcs"/> in
/// each object. A failure ends the init with its errno (the init returns klp_enable_patch's result).
/// </summary>
/// <param name="Objects">The patched objects.</param>
public sealed record KlpEnablePatchAction(IReadOnlyList<KlpObjectSpec> Objects) : ModuleAction;

/// <summary>One klp_object of a patch.</summary>
/// <param name="Module">The patched module's name, or null for vmlinux.</param>
/// <param name="Funcs">The old_name of each klp_func; "$param" takes the value of one of the module's parameters.</param>
public sealed record KlpObjectSpec(string? Module, IReadOnlyList<string> Funcs);

/// <summary>The function's return value (init only; the last action).</summary>
/// <param name="Value">0, a negative errno, or a positive value the kernel warns about.</param>
public sealed record ReturnAction(IntOrParam Value) : ModuleAction;

/// <summary>The ordered actions of one init or exit function.</summary>
/// <param name="Actions">What it does, in order.</param>
public sealed record ModuleBehaviour(IReadOnlyList<ModuleAction> Actions)
{
    /// <summary>Does nothing and returns 0.</summary>
    public static ModuleBehaviour Nothing { get; } = new([]);

    /// <summary>The value the function returns: its <see cref="ReturnAction"/>, or 0.</summary>
    internal IntOrParam Return => Actions.OfType<ReturnAction>().LastOrDefault()?.Value ?? 0;
}
