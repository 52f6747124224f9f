// Why the loader refused an image: the errno load_module returns and the line it logs, as a value.
namespace ModActors.Elf;

/// <summary>
/// A refusal of a module image by a loader stage (module_decompress, module_sig_check,
/// elf_validity_cache_copy, early_mod_check, layout_and_allocate, apply_relocations).
/// </summary>
/// <param name="Errno">The positive errno the kernel returns (8 = ENOEXEC).</param>
/// <param name="Log">
/// The kernel log line exactly as printed, including any module-name or "module: " prefix the kernel
/// adds (several lines are joined with '\n'); empty when the kernel logs nothing for this refusal.
/// </param>
/// <param name="Stage">The kernel function that refused, e.g. "elf_validity_ehdr".</param>
public sealed record ModuleRejection(int Errno, string Log, string Stage)
{
    /// <summary>The errno's symbolic name, e.g. "ENOEXEC".</summary>
    public string ErrnoName => ModActors.Elf.Errno.Name(Errno);

    /// <inheritdoc/>
    public override string ToString() => Log.Length == 0 ? $"-{ErrnoName} ({Stage})" : $"-{ErrnoName} ({Stage}): {Log}";

    internal static ModuleRejection NoExec(string stage, string log) => new(ModActors.Elf.Errno.ENOEXEC, log, stage);
}
