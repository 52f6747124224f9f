// `depmod` as kmod 30 runs it with -b BASEDIR [-e] [-E Module.symvers] VERSION: index every module of
// BASEDIR/lib/modules/VERSION and write modules.dep, modules.alias, modules.softdep, modules.symbols and
// modules.devname there, byte for byte as kmod writes them, with kmod's messages ("depmod: WARNING: ...").
// The stages are in DepmodRun, the files in DepmodOutput.
namespace ModActors.Elf.Depmod;

/// <summary>kmod's depmod over a module tree.</summary>
public static class Depmod
{
    /// <summary>Indexes the tree and writes the files; never throws for a bad tree or bad module files.</summary>
    /// <param name="options">The command line.</param>
    /// <param name="log">Where depmod's warnings and errors go (kmod writes them to stderr).</param>
    public static DepmodResult Run(DepmodOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var run = DepmodRun.Load(options, log, out var error);
        if (run is null)
            return new DepmodResult(2, 0, error);
        if (run.DepLoops > 0)
            return new DepmodResult(1, run.Modules.Count, $"{run.DepLoops} modules in dependency cycles");
        try
        {
            DepmodOutput.depmod_output(run);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is IOException or UnauthorizedAccessException))
        {
            return new DepmodResult(2, run.Modules.Count, $"could not write to {run.Dirname}: {e.InnerExceptions[0].Message}");
        }
        return new DepmodResult(0, run.Modules.Count, null);
    }
}
