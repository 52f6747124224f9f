// The command line of `depmod -b BASEDIR [-e] [-E Module.symvers] VERSION` (kmod 30's depmod -a).
namespace ModActors.Elf.Depmod;

/// <summary>What <see cref="Depmod.Run"/> does: kmod's <c>depmod -b BaseDir [-e] [-E SymversPath] KernelVersion</c>.</summary>
/// <param name="BaseDir">-b: the root holding lib/modules/KernelVersion.</param>
/// <param name="KernelVersion">The kernel release whose modules are indexed.</param>
public sealed record DepmodOptions(string BaseDir, string KernelVersion)
{
    /// <summary>-E: a Module.symvers whose vmlinux lines give the kernel's own exports and CRCs.</summary>
    public string? SymversPath { get; init; }

    /// <summary>-e: report symbols no module or the kernel supplies, and CRC disagreements (with -E).</summary>
    public bool ErrSyms { get; init; }

    /// <summary>How many module files are read at once (kmod reads one at a time).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
