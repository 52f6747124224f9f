// The default base inputs of the fuzzers: the fixtures' uncompressed .ko files (fixtures/ko/*.ko but the
// one that is not ELF) and the library scenarios (scenarios/*.yaml), found from the current directory
// or the program's, walking up to the repository root.
namespace ModActors.Scenarios.Fuzzing;

internal static class FuzzInputs
{
    public static string[] Defaults(bool ko)
    {
        var dir = Find(ko ? Path.Combine("fixtures", "ko") : "scenarios");
        if (dir is null)
            return [];
        return ko
            ? [.. Directory.GetFiles(dir, "*.ko").Where(p => !p.EndsWith("notelf.ko", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [.. Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal)];
    }

    private static string? Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, relative);
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
