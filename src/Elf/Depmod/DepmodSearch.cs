// depmod_modules_search of kmod's tools/depmod.c: walk lib/modules/VERSION depth-first in readdir
// order (skipping "build" and "source"), take every file whose name ends in a module suffix, and when
// two files give one module name keep the one depmod_module_is_higher_priority prefers. Without
// depmod.d configuration the search list is just "updates" (cfg_load's default); we read no
// configuration files.
using System.IO.Enumeration;
using System.Runtime.CompilerServices;
namespace ModActors.Elf.Depmod;

internal sealed class DepmodSearch
{
    /// kmod_exts as Debian's kmod 30 is built (+XZ +ZSTD -ZLIB), less .ko.zst, which we cannot decompress.
    private static readonly string[] KmodExts = [".ko", ".ko.xz"];
    private static readonly string[] Searches = ["updates"];

    private readonly string _dirname;
    private readonly Dictionary<string, DepmodModule> _byName = new(StringComparer.Ordinal);

    public DepmodSearch(string dirname) => _dirname = dirname;

    /// The modules found, keyed by module name (modules_by_name).
    public IReadOnlyCollection<DepmodModule> Modules => _byName.Values;

    public void depmod_modules_search() => SearchDir(_dirname, "");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SearchDir(string dir, string relDir)
    {
        var entries = new FileSystemEnumerable<(string Name, bool IsDirectory, bool IsFile)>(dir,
            (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory, !e.IsDirectory && IsRegularFile(ref e)),
            new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false });
        foreach (var (name, isDirectory, isFile) in entries)
        {
            if (name is "build" or "source")
                continue;
            var rel = relDir + name;
            if (isDirectory)
                SearchDir(dir + "/" + name, rel + "/");
            else if (isFile)
                SearchFile(name, rel);
        }
    }

    /// A regular file, following a symbolic link as fstatat does.
    private static bool IsRegularFile(ref FileSystemEntry e) =>
        (e.Attributes & FileAttributes.ReparsePoint) == 0 || File.Exists(e.ToFullPath());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SearchFile(string name, string relPath)
    {
        if (!KmodExts.Any(e => name.Length > e.Length && name.EndsWith(e, StringComparison.Ordinal)))
            return;
        var modname = ModName(name);
        if (_byName.TryGetValue(modname, out var existing))
        {
            if (depmod_module_is_higher_priority(existing.RelPath, relPath))
                return;
            _byName.Remove(modname);
        }
        _byName[modname] = new DepmodModule(_dirname + "/" + relPath, relPath, modname);
    }

    /// modname_normalize: up to the first '.', with '-' made '_'.
    public static string ModName(string fileName)
    {
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? fileName : fileName[..dot]).Replace('-', '_');
    }

    /// True when the existing module (oldRel) wins over newRel. Search entries are matched as path
    /// prefixes, new before old in each step, exactly as kmod does (a quirk: when both match the same
    /// entry the newer file wins).
    private static bool depmod_module_is_higher_priority(string oldRel, string newRel)
    {
        int oldprio = -1, newprio = -1;
        const int bprio = -1;
        for (var i = 0; i < Searches.Length; i++)
        {
            if (newRel.StartsWith(Searches[i], StringComparison.Ordinal))
                newprio = i;
            else if (oldRel.StartsWith(Searches[i], StringComparison.Ordinal))
                oldprio = i;
        }
        if (newprio < 0)
            newprio = bprio;
        if (oldprio < 0)
            oldprio = bprio;
        return newprio <= oldprio;
    }
}
