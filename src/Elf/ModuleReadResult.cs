// The outcome of reading an image: a parsed module, or the rejection of the stage that refused it.
namespace ModActors.Elf;

/// <summary>Either a <see cref="KernelModule"/> or a <see cref="ModuleRejection"/>.</summary>
public sealed class ModuleReadResult
{
    private ModuleReadResult(KernelModule? module, ModuleRejection? rejection, IReadOnlyList<string> forcedLoadReasons)
    {
        Module = module;
        Rejection = rejection;
        ForcedLoadReasons = forcedLoadReasons;
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

    internal static ModuleReadResult Ok(KernelModule module, IReadOnlyList<string> forced) => new(module, null, forced);

    internal static ModuleReadResult Fail(ModuleRejection rejection) => new(null, rejection, []);

    /// <inheritdoc/>
    public override string ToString() => IsOk ? $"module {Module!.Name}" : Rejection!.ToString();
}
