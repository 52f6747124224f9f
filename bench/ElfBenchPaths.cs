// Where the repository (and its fixtures) is, found from the benchmark's build directory.
namespace ModActors.Bench;

internal static class ElfBenchPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModActors.sln")))
                return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
