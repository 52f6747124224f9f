// A module tree in a temporary directory built from a fixtures/depmod-expected/<case> description
// (tree.txt + input/), and kmod's recorded outputs for it, for comparing our depmod with kmod's.
namespace ModActors.Elf.Tests;

internal sealed class DepmodTestTree : IDisposable
{
    public const string Version = "6.12.117+deb12-amd64";

    public DepmodTestTree(string caseName)
    {
        CaseDir = Path.Combine(Fixtures.Root, "fixtures", "depmod-expected", caseName);
        BaseDir = Directory.CreateTempSubdirectory("modactors-depmod-").FullName;
        Directory.CreateDirectory(ModulesDir);
        foreach (var rel in File.ReadAllLines(Path.Combine(CaseDir, "tree.txt")).Where(l => l.Length > 0))
            Place(Fixtures.KoPath(Path.GetFileName(rel)), rel);
        var input = Path.Combine(CaseDir, "input");
        if (Directory.Exists(input))
        {
            foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories))
                Place(file, Path.GetRelativePath(input, file));
        }
    }

    public string CaseDir { get; }

    public string BaseDir { get; }

    public string ModulesDir => Path.Combine(BaseDir, "lib", "modules", Version);

    public static string Symvers => Path.Combine(Fixtures.Root, "fixtures", "symvers", "vmlinux-fixtures.symvers");

    public void Place(string source, string relPath)
    {
        var dest = Path.Combine(ModulesDir, relPath);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        File.Copy(source, dest, overwrite: true);
    }

    /// Runs our depmod the way build.sh ran kmod's: -b BASEDIR -e -E vmlinux-fixtures.symvers VERSION.
    public (Depmod.DepmodResult Result, string Log) Run()
    {
        var log = new StringWriter { NewLine = "\n" };
        var result = Depmod.Depmod.Run(new Depmod.DepmodOptions(BaseDir, Version) { SymversPath = Symvers, ErrSyms = true }, log);
        return (result, log.ToString());
    }

    public string Written(string file) => File.ReadAllText(Path.Combine(ModulesDir, file));

    public string Expected(string file) => File.ReadAllText(Path.Combine(CaseDir, file)).Replace("$TREE", BaseDir, StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(BaseDir, recursive: true);
}
