// Models /sys/module/NAME for loadable modules: which directories exist (kernel/module/sysfs.c mod_sysfs_setup()
// .. mod_sysfs_teardown(); never for an UNFORMED module), the modinfo_attrs of kernel/module/main.c
// (show_initstate, show_refcnt, show_taint, show_coresize, show_initsize, version, srcversion), holders/
// (add_usage_links), and parameters/ (kernel/params.c module_param_sysfs_setup(), param_attr_show(),
// param_attr_store()) with the kernfs permission rules: files open only for the access their mode grants
// (KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK) and one write() stores at most PAGE_SIZE bytes. sections/ (sysfs.c
// add_sect_attrs, module_sect_read): one 0400 file per section that is not sect_empty, .symtab and .strtab
// included, init sections kept after init. uevent and notes/ are listed with their modes but their contents are
// not modelled; drivers/ and built-in modules are absent.
using System.Globalization;

namespace ModActors.Kernel;

/// <summary>The result of reading a sysfs file: 0 and its text, or a negative errno and "".</summary>
/// <param name="Error">0 or a negative errno (-ENOENT missing, -EACCES mode forbids, -EISDIR a directory).</param>
/// <param name="Text">What read() returns.</param>
public readonly record struct SysfsRead(int Error, string Text)
{
    internal static SysfsRead Fail(int errno) => new(-errno, "");

    internal static SysfsRead Ok(string text) => new(0, text);
}

/// <summary>One entry of a /sys/module directory listing.</summary>
/// <param name="Name">The file or directory name.</param>
/// <param name="Mode">Its permission bits as a number (octal 0444 = 0x124).</param>
/// <param name="Kind">Regular file, directory or symbolic link (holders/ entries).</param>
public sealed record SysfsEntry(string Name, int Mode, SysfsEntryKind Kind);

/// <summary>What a sysfs entry is.</summary>
public enum SysfsEntryKind
{
    /// <summary>An attribute file.</summary>
    File,
    /// <summary>A directory (holders, notes, parameters, sections).</summary>
    Directory,
    /// <summary>A symbolic link (each holders/ entry links to the user's directory).</summary>
    Symlink,
}

/// <summary>The /sys/module tree of loadable modules.</summary>
public static class Sysfs
{
    /// <summary>PAGE_SIZE on x86-64: the most one sysfs write() stores.</summary>
    public const int PAGE_SIZE = 4096;

    /// <summary>S_IRUGO, octal 0444.</summary>
    private const int S_IRUGO = 0x124;

    /// <summary>S_IRUSR, octal 0400 (section attributes).</summary>
    private const int S_IRUSR = 0x100;

    /// <summary>S_IWUGO, octal 0222.</summary>
    private const int S_IWUGO = 0x92;

    /// <summary>S_IWUSR, octal 0200 (uevent).</summary>
    private const int S_IWUSR = 0x80;

    /// <summary>S_IRWXUGO, octal 0777 (symbolic links).</summary>
    private const int S_IRWXUGO = 0x1FF;

    /// <summary>Octal 0755, the mode of sysfs directories.</summary>
    private const int DirMode = 0x1ED;

    private static readonly string[] ModinfoFiles = ["coresize", "initsize", "initstate", "refcnt", "taint"];

    /// <summary>Whether /sys/module/NAME exists for this module.</summary>
    public static bool module_dir_exists(ModuleSnapshot mod)
    {
        ArgumentNullException.ThrowIfNull(mod);
        return mod.State != ModuleState.Unformed && mod.SysfsRegistered;
    }

    /// <summary>The names under /sys/module that these modules provide, sorted as ls prints them.</summary>
    public static IReadOnlyList<string> sys_module(IEnumerable<ModuleSnapshot> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        return modules.Where(module_dir_exists).Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The names in /sys/module/NAME (<paramref name="subdir"/> "") or in its "holders" or "parameters" directory,
    /// sorted as ls prints them. Empty when the directory does not exist.
    /// </summary>
    public static IReadOnlyList<string> list(ModuleSnapshot mod, string subdir = "") =>
        list_entries(mod, subdir).Select(e => e.Name).ToArray();

    /// <summary>
    /// The entries of /sys/module/NAME or of its "holders" or "parameters" directory, sorted, with their modes:
    /// attribute files 0444, uevent 0200, directories 0755, holder links 0777, parameters their kp->perm.
    /// parameters/ exists only when some parameter has a nonzero perm.
    /// </summary>
    public static IReadOnlyList<SysfsEntry> list_entries(ModuleSnapshot mod, string subdir = "")
    {
        ArgumentNullException.ThrowIfNull(mod);
        if (!module_dir_exists(mod))
            return [];
        IEnumerable<SysfsEntry> entries = subdir switch
        {
            "" => TopLevel(mod),
            "holders" => (mod.Holders ?? mod.Users).Select(n => new SysfsEntry(n, S_IRWXUGO, SysfsEntryKind.Symlink)),
            "parameters" => VisibleParams(mod).Select(p => new SysfsEntry(p.Name, p.Perm, SysfsEntryKind.File)),
            "sections" when mod.HasSectionsDir => mod.Sections.Select(sec => new SysfsEntry(sec.Name, S_IRUSR, SysfsEntryKind.File)),
            _ => [],
        };
        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<SysfsEntry> TopLevel(ModuleSnapshot mod)
    {
        foreach (string file in ModinfoFiles)
            yield return new SysfsEntry(file, S_IRUGO, SysfsEntryKind.File);
        yield return new SysfsEntry("uevent", S_IWUSR, SysfsEntryKind.File);
        yield return new SysfsEntry("holders", DirMode, SysfsEntryKind.Directory);
        if (VisibleParams(mod).Any())
            yield return new SysfsEntry("parameters", DirMode, SysfsEntryKind.Directory);
        if (mod.HasNotesDir)
            yield return new SysfsEntry("notes", DirMode, SysfsEntryKind.Directory);
        if (mod.HasSectionsDir)
            yield return new SysfsEntry("sections", DirMode, SysfsEntryKind.Directory);
        if (mod.Version is not null)
            yield return new SysfsEntry("version", S_IRUGO, SysfsEntryKind.File);
        if (mod.SrcVersion is not null)
            yield return new SysfsEntry("srcversion", S_IRUGO, SysfsEntryKind.File);
    }

    private static IEnumerable<ParamSnapshot> VisibleParams(ModuleSnapshot mod) => mod.Params.Where(p => p.Perm != 0);

    /// <summary>
    /// read() of /sys/module/NAME/<paramref name="path"/>: "initstate" ("live\n", "coming\n", "going\n"), "refcnt"
    /// ("%i\n"), "taint" (letters and "\n"), "coresize", "initsize" ("%u\n"), "version", "srcversion", or
    /// "parameters/P" (the param_get text; -EACCES when its mode has no read bit).
    /// </summary>
    public static SysfsRead read(ModuleSnapshot mod, string path, bool showAddresses = false)
    {
        ArgumentNullException.ThrowIfNull(mod);
        ArgumentNullException.ThrowIfNull(path);
        if (!module_dir_exists(mod))
            return SysfsRead.Fail(Errno.ENOENT);
        switch (path)
        {
            case "initstate":
                return SysfsRead.Ok(show_initstate(mod.State));
            case "refcnt":
                return SysfsRead.Ok(mod.Refcnt.ToString(CultureInfo.InvariantCulture) + "\n");
            case "taint":
                return SysfsRead.Ok(Taint.module_flags_taint(mod.Taints) + "\n");
            case "coresize":
                return SysfsRead.Ok(mod.CoreSize.ToString(CultureInfo.InvariantCulture) + "\n");
            case "initsize":
                return SysfsRead.Ok(mod.InitSize.ToString(CultureInfo.InvariantCulture) + "\n");
            case "version" when mod.Version is not null:
                return SysfsRead.Ok(mod.Version + "\n");
            case "srcversion" when mod.SrcVersion is not null:
                return SysfsRead.Ok(mod.SrcVersion + "\n");
            case "uevent":
                return SysfsRead.Fail(Errno.EACCES);
            case "holders":
                return SysfsRead.Fail(Errno.EISDIR);
            case "notes" when mod.HasNotesDir:
                return SysfsRead.Fail(Errno.EISDIR);
            case "sections" when mod.HasSectionsDir:
                return SysfsRead.Fail(Errno.EISDIR);
            case "parameters":
                return VisibleParams(mod).Any() ? SysfsRead.Fail(Errno.EISDIR) : SysfsRead.Fail(Errno.ENOENT);
        }
        const string sections = "sections/";
        if (path.StartsWith(sections, StringComparison.Ordinal) && mod.HasSectionsDir)
        {
            string name = path[sections.Length..];
            SectionAttr? sec = mod.Sections.FirstOrDefault(x => x.Name == name);
            return sec is null ? SysfsRead.Fail(Errno.ENOENT) : SysfsRead.Ok(module_sect_read(sec, showAddresses));
        }
        const string parameters = "parameters/";
        if (path.StartsWith(parameters, StringComparison.Ordinal))
        {
            string name = path[parameters.Length..];
            ParamSnapshot? p = VisibleParams(mod).FirstOrDefault(p => p.Name == name);
            if (p is null)
                return SysfsRead.Fail(Errno.ENOENT);
            return (p.Perm & S_IRUGO) == 0 ? SysfsRead.Fail(Errno.EACCES) : SysfsRead.Ok(p.Shown);
        }
        return SysfsRead.Fail(Errno.ENOENT);
    }

    /// <summary>
    /// module_sect_read(): "0x%px\n", the section's address, or zeros when kallsyms_show_value() denies the reader.
    /// The file's mode is 0400: root reads it.
    /// </summary>
    public static string module_sect_read(SectionAttr section, bool showAddresses)
    {
        ArgumentNullException.ThrowIfNull(section);
        ulong value = showAddresses ? section.Address : 0;
        return "0x" + value.ToString("x16", CultureInfo.InvariantCulture) + "\n";
    }

    /// <summary>show_initstate(): "live\n", "coming\n" or "going\n"; UNFORMED is a kernel BUG() and throws.</summary>
    public static string show_initstate(ModuleState state) => state switch
    {
        ModuleState.Live => "live\n",
        ModuleState.Coming => "coming\n",
        ModuleState.Going => "going\n",
        _ => throw new InvalidOperationException("show_initstate() of an UNFORMED module (BUG in the kernel)"),
    };

    /// <summary>
    /// write() of <paramref name="buf"/> to /sys/module/NAME/parameters/<paramref name="name"/>
    /// (param_attr_store): the set op sees the text as written, trailing newline included, so a charp keeps it
    /// ("noexit\n" reads back "noexit\n\n"); numbers accept one trailing '\n'. Returns the byte count written or a
    /// negative errno: -ENOENT (no such file), -EACCES (mode has no write bit) or the set op's error (then the
    /// kernel log may have its message). An empty write returns 0 without calling the op; a write over PAGE_SIZE
    /// stores its first PAGE_SIZE characters and returns PAGE_SIZE (kernfs_fop_write_iter).
    /// </summary>
    public static int param_attr_store(ModuleSnapshot mod, ModuleParams kp, string name, string buf, KernelLog log)
    {
        ArgumentNullException.ThrowIfNull(mod);
        ArgumentNullException.ThrowIfNull(kp);
        ArgumentNullException.ThrowIfNull(buf);
        if (!module_dir_exists(mod))
            return -Errno.ENOENT;
        KernelParam? param = kp.kp.FirstOrDefault(p => p.Spec.Name == name && p.Spec.Perm != 0);
        if (param is null)
            return -Errno.ENOENT;
        if ((param.Spec.Perm & S_IWUGO) == 0)
            return -Errno.EACCES;
        if (buf.Length == 0)
            return 0;
        if (buf.Length > PAGE_SIZE)
            buf = buf[..PAGE_SIZE];
        string? val = buf;
        int err = param.Set(ref val, log);
        return err == 0 ? buf.Length : err;
    }
}
