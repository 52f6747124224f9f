// Checks a scenario's `kernel: { symvers: FILE }` when the scenario is loaded, so a run never meets a
// file it cannot use: a regular file (a FIFO would block), at most 64 MiB, and every line in
// Module.symvers form (CRC, symbol, module, export type, optional namespace), as KernelSymbols reads it.
using ModActors.Elf;
using ModActors.Kernel;

namespace ModActors.Scenarios;

internal static class SymversFile
{
    /// <summary>The largest Module.symvers read (Debian 6.12's is about 1.5 MiB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Null when <paramref name="path"/> is a usable Module.symvers, else what is wrong with it.</summary>
    public static string? Check(string path)
    {
        if (!RegularFile.TryReadAllText(path, MaxBytes, out var text, out var problem))
            return $"{path} {problem}";
        try
        {
            _ = KernelSymbols.FromModuleSymvers(new StringReader(text));
            return null;
        }
        catch (FormatException e)
        {
            return $"{path} is not a Module.symvers: {e.Message}";
        }
    }
}
