// A kernel harness with the project's real .ko fixtures (fixtures/ko) as files /m/NAME, slow's and lpatch's init
// and exit as the C sources do them (the simulator cannot run module code), and the real kernel's output for
// them from oracle scenario zk (oracle/results/zk_kallsyms_livepatch.txt, run 2).
using ModActors.Kernel;

namespace ModActors.Kernel.Tests.Loader;

internal static class RealFiles
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModActors.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ModActors.sln not found above the test directory");
    }

    /// <summary>lpatch.c's init: klp_enable_patch of a patch replacing its func parameter in expa.</summary>
    public static ModuleDefinition Lpatch { get; } = new()
    {
        Name = "lpatch",
        Init = new ModuleBehaviour([new KlpEnablePatchAction([new KlpObjectSpec("expa", ["$func"])])]),
    };

    public static KernelHarness With(params string[] names) => With(null, names);

    public static KernelHarness With(KernelConfig? config, params string[] names)
    {
        var h = new KernelHarness(config);
        foreach (var name in names)
        {
            ModuleDefinition? behaviour = name.StartsWith("slow", StringComparison.Ordinal) ? TestModules.Slow
                : name.StartsWith("lpatch", StringComparison.Ordinal) ? Lpatch : null;
            h.Kernel.Files.Add(new SimFile
            {
                Path = "/m/" + name,
                Inode = h.Kernel.Files.NewInode(),
                Bytes = File.ReadAllBytes(Path.Combine(RepoRoot(), "fixtures", "ko", name)),
                Module = behaviour,
            });
        }
        return h;
    }
}

/// <summary>
/// What the real kernel printed in oracle scenario zk, run 2 (in run 1 the read during slow's failing init finished after
/// the init had: a pass over /proc/kallsyms took over 30 s under TCG on the loaded machine).
/// </summary>
internal static class OracleZk
{
    private static readonly Lazy<string[]> Run1 = new(() =>
    {
        var lines = File.ReadAllLines(Path.Combine(RealFiles.RepoRoot(), "oracle", "results", "zk_kallsyms_livepatch.txt"));
        var start = Array.FindIndex(lines, l => l == "######## run 2");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("######## run ", StringComparison.Ordinal));
        return lines[start..(end < 0 ? lines.Length : end)];
    });

    /// <summary>The <paramref name="occurrence"/>th "kallsyms [MODULE]" block's lines, address dropped ("t name\t[mod]").</summary>
    public static List<string> Kallsyms(string module, int occurrence)
    {
        var lines = Run1.Value;
        var n = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains($" kallsyms [{module}] (", StringComparison.Ordinal) || ++n != occurrence)
                continue;
            var block = new List<string>();
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith("  ", StringComparison.Ordinal) && !lines[j].StartsWith("   ", StringComparison.Ordinal); j++)
                block.Add(lines[j][("  ADDR ".Length)..]);
            return block;
        }
        throw new InvalidOperationException($"no kallsyms block {occurrence} for {module} in the oracle result");
    }

    /// <summary>The first "sections MODULE:" listing, without . and ..</summary>
    public static List<string> Sections(string module)
    {
        var line = Run1.Value.First(l => l.StartsWith($"sections {module}: ", StringComparison.Ordinal));
        return [.. line[$"sections {module}: ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not "." and not "..")];
    }

    /// <summary>Whether the kernel log of run 2 has a line ending with this text.</summary>
    public static bool Logged(string text) => Run1.Value.Any(l => l.EndsWith("] " + text, StringComparison.Ordinal));

    /// <summary>The modctl result line of call TAG in run 2 ("rc=-1 errno=EINVAL").</summary>
    public static string Result(string tag)
    {
        var line = Run1.Value.First(l => l.StartsWith(tag + " op=", StringComparison.Ordinal));
        var rc = line.IndexOf(" rc=", StringComparison.Ordinal);
        return line[(rc + 1)..line.IndexOf(" t_ms=", StringComparison.Ordinal)];
    }
}
