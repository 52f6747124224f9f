// The outcome of reading an image: a parsed module, or the rejection of the stage that refused it.
namespace ModActors.Elf;

/// <summary>Either a <see cref="KernelModule"/> or a <see cref="ModuleRejection"/>.</summary>
public sealed class ModuleReadResult
{
    private ModuleReadResult(KernelModule? module, ModuleRejection? rejection, IReadOnlyList<string> forcedLoadReasons,
        IReadOnlyList<string> log)
    {
        Module = module;
        Rejection = rejection;
        ForcedLoadReasons = forcedLoadReasons;
        Log = log;
    }

    /// <summary>The parsed module; null when rejected.</summary>
    public KernelModule? Module { get; }

    /// <summary>Why the image was refused; null when it parsed.</summary>
    public ModuleRejection? Rejection { get; }

    /// <summary>True when the image parsed.</summary>
    public bool IsOk => Module is not null;

    /// <summary>
    /// The reasons try_to_force_load accepted the module anyway (e.g. "bad vermagic", "module_layout"): for each, the
    /// kernel adds TAINT_FORCED_MODULE and, when not already tainted F, logs "NAME: REASON: kernel tainted.".
    /// </summary>
    public IReadOnlyList<string> ForcedLoadReasons { get; }

    /// <summary>
    /// Lines the kernel logs while reading an image it then accepts, in order (e.g. mod_check_sig's
    /// "module: not signed with expected PKCS#7 message" before an -ENOPKG it tolerates).
    /// </summary>
    public IReadOnlyList<string> Log { get; }

    internal static ModuleReadResult Ok(KernelModule module, IReadOnlyList<string> forced, IReadOnlyList<string> log) =>
        new(module, null, forced, log);

    internal static ModuleReadResult Fail(ModuleRejection rejection) => new(null, rejection, [], []);

    /// <inheritdoc/>
    public override string ToString() => IsOk ? $"module {Module!.Name}" : Rejection!.ToString();
}
