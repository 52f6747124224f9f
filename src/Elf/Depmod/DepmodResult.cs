// The outcome of a depmod run as a value: the exit status kmod's depmod would give, and why it failed.
namespace ModActors.Elf.Depmod;

/// <summary>What <see cref="Depmod.Run"/> did.</summary>
/// <param name="ExitCode">0 when the files were written; 1 for dependency cycles (kmod's exit status); 2 when an
/// input (the module directory, the Module.symvers file, the version) is unusable.</param>
/// <param name="ModuleCount">How many module files were indexed.</param>
/// <param name="Error">Why nothing was written, or null.</param>
public sealed record DepmodResult(int ExitCode, int ModuleCount, string? Error);
