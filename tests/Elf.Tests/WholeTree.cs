// Debian's whole 6.12 module tree, when fixtures/fetch-debian-tree.sh has fetched it into
// fixtures/debian-tree (git-ignored): the uncompressed and xz trees, Module.symvers and kmod depmod's
// reference output. WholeTreeFact skips a test cleanly when the tree is absent.
namespace ModActors.Elf.Tests;

internal static class WholeTree
{
    public const string Version = "6.12.117+deb12-amd64";

    public static string Dir => Path.Combine(Fixtures.Root, "fixtures", "debian-tree");

    public static bool Available => File.Exists(Path.Combine(Dir, "ok"));

    public static string RawModules => Path.Combine(Dir, "raw", "lib", "modules", Version);

    public static string XzModules => Path.Combine(Dir, "xz", "lib", "modules", Version);

    public static string Symvers => Path.Combine(Dir, "Module.symvers");

    public static string Reference(string file) => Path.Combine(Dir, "depmod-ref", file);

    /// Every module of the uncompressed tree, relative to lib/modules/VERSION, in modules.order order.
    public static IReadOnlyList<string> RawModulePaths() =>
        File.ReadAllLines(Path.Combine(RawModules, "modules.order")).Where(l => l.Length > 0).ToList();

    /// A base directory whose lib/modules/VERSION holds the tree's modules.order and modules.builtin files
    /// and a symbolic link to its kernel/ directory, so depmod can write there without touching the tree.
    public static string LinkedBaseDir(string modulesDir)
    {
        var baseDir = Directory.CreateTempSubdirectory("modactors-wholetree-").FullName;
        var dir = Path.Combine(baseDir, "lib", "modules", Version);
        Directory.CreateDirectory(dir);
        Directory.CreateSymbolicLink(Path.Combine(dir, "kernel"), Path.Combine(modulesDir, "kernel"));
        foreach (var f in (string[])["modules.order", "modules.builtin", "modules.builtin.modinfo"])
            File.Copy(Path.Combine(modulesDir, f), Path.Combine(dir, f));
        return baseDir;
    }
}

/// <summary>A fact that runs only when the whole Debian tree has been fetched.</summary>
public sealed class WholeTreeFactAttribute : FactAttribute
{
    /// <summary>Skips unless fixtures/debian-tree/ok exists.</summary>
    public WholeTreeFactAttribute()
    {
        if (!WholeTree.Available)
            Skip = "Debian's module tree is not fetched (run fixtures/fetch-debian-tree.sh)";
    }
}
