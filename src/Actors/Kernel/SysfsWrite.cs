// A task's write(2) to /sys/module/NAME/parameters/PARAM, opened as a shell's `>` opens it (O_WRONLY|O_CREAT|
// O_TRUNC): kernfs refuses a file whose mode has no write bit (no store op) and sysfs cannot create files, both
// -EACCES (oracle ze: "Permission denied" for slow's 0444 delay_ms and for a name slow has no parameter of); an
// absent module directory is -ENOENT; otherwise param_attr_store (Sysfs.cs) runs the parameter's
// kernel_param_ops set under kernel_param_lock. Also sysfs_streq, as module code compares a written value.
using Akka.Actor;
using ModActors.Runtime;
namespace ModActors.Kernel;

/// <summary>Writes to /sys/module parameter files.</summary>
public static class SysfsWrite
{
    private const string Root = "/sys/module/";

    /// <summary>write(fd, text): the bytes written, or -errno (the set op's message, if any, is in the kernel log).</summary>
    public static int write_sysfs(KTask t, string path, string text)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var k = t.Kernel;
        var parts = path.StartsWith(Root, StringComparison.Ordinal) ? path[Root.Length..].Split('/') : [];
        var mod = parts.Length > 0 ? k.find_module_all_rcu(parts[0], evenUnformed: true) : null;
        if (mod is null || !Sysfs.module_dir_exists(mod.Snapshot()))
            return -Errno.ENOENT;
        if (parts.Length != 3 || parts[1] != "parameters")
            return -Errno.EACCES;
        t.Context.Annotate($"{t.Name} writes {path}");
        var ret = Sysfs.param_attr_store(mod.Snapshot(), mod.Kp, parts[2], text, k.Log);
        return ret == -Errno.ENOENT ? -Errno.EACCES : ret;
    }

    /// <summary>sysfs_streq(s1, s2): equal, except that one trailing newline on either is ignored.</summary>
    public static bool sysfs_streq(string s1, string s2)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        return Chomp(s1) == Chomp(s2);
    }

    /// <summary>A parameter's variable as module code sees it: the text its get op shows, without the newline get adds.</summary>
    internal static string ParamValue(ModuleInstance mod, string param)
    {
        var shown = mod.Kp.param_get(param);
        return shown.EndsWith('\n') ? shown[..^1] : shown;
    }

    private static string Chomp(string s) => s.EndsWith('\n') ? s[..^1] : s;
}
