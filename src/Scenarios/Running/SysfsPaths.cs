// Reads /sys/module/NAME[/FILE] from the finished kernel's snapshots (src/Actors/Kernel's Sysfs renders
// them): a file's text, a directory's entries one per line, or "-ERRNO" when the read fails. The same
// path rules as Syscalls.read_sysfs, for reads made after the run rather than by a task.
using ModActors.Kernel;

namespace ModActors.Scenarios;

internal static class SysfsPaths
{
    public static string Read(SimKernel kernel, string path)
    {
        const string root = "/sys/module/";
        var rest = path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : path;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? rest : rest[..slash];
        var file = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        var mod = kernel.Module(name);
        if (mod is null || !Sysfs.module_dir_exists(mod))
            return "-" + Errno.Name(Errno.ENOENT);
        if (file is "" or "holders" or "parameters")
            return string.Concat(Sysfs.list(mod, file).Select(e => e + "\n"));
        var read = Sysfs.read(mod, file);
        return read.Error != 0 ? "-" + Errno.Name(read.Error) : read.Text;
    }
}
