// The outcome of relocating a module: the image, or the rejection with every line the kernel logged.
namespace ModActors.Elf;

/// <summary>Either a <see cref="ModuleImage"/> or the <see cref="ModuleRejection"/> of simplify_symbols / apply_relocations.</summary>
/// <param name="Image">The relocated image; null when refused.</param>
/// <param name="Rejection">The refusal (the last error, as simplify_symbols returns it); null on success.</param>
/// <param name="Log">Every kernel log line written on the way, in order (simplify_symbols logs one line per bad symbol).</param>
public sealed record ModuleRelocationResult(ModuleImage? Image, ModuleRejection? Rejection, IReadOnlyList<string> Log)
{
    /// <summary>True when relocation succeeded.</summary>
    public bool IsOk => Image is not null;
}
