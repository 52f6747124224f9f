// struct mod of kmod's tools/depmod.c: one module file of the tree, its place in the module array
// (idx, sort_idx from modules.order), its direct dependencies (deps, users) and its topological
// position (dep_sort_idx, dep_loop), plus what depmod read from its file.
namespace ModActors.Elf.Depmod;

internal sealed class DepmodModule
{
    public DepmodModule(string path, string relPath, string modName)
    {
        Path = path;
        RelPath = relPath;
        ModName = modName;
        UncRelPath = UncompressedPath(relPath);
    }

    /// mod->path: dirname + "/" + relpath, as depmod prints it in messages.
    public string Path { get; }

    /// mod->relpath: relative to lib/modules/VERSION, as modules.dep lists it.
    public string RelPath { get; }

    /// mod->uncrelpath: relpath without a compression suffix, as modules.order lists it.
    public string UncRelPath { get; }

    /// mod->modname: the file name up to its first '.', '-' made '_' (modname_normalize).
    public string ModName { get; }

    public int Idx { get; set; }
    public int SortIdx { get; set; } = 1;
    public int DepSortIdx { get; set; } = int.MaxValue;
    public int Users { get; set; }
    public bool DepLoop { get; set; }
    public List<DepmodModule> Deps { get; } = [];

    public DepmodModuleFile? File { get; set; }

    /// array_append_unique of mod_add_dependency: false when already there.
    public bool AddDep(DepmodModule owner)
    {
        if (Deps.Contains(owner))
            return false;
        Deps.Add(owner);
        return true;
    }

    private static readonly string[] CompressionSuffixes = [".xz", ".zst", ".gz"];

    private static string UncompressedPath(string relPath)
    {
        foreach (var s in CompressionSuffixes)
        {
            if (relPath.EndsWith(".ko" + s, StringComparison.Ordinal))
                return relPath[..^s.Length];
        }
        return relPath;
    }
}
