// The YAML fuzzer: a YamlMutator over the library scenarios, run through YamlFuzzTarget with the
// scenarios' own folder as the base directory (so their `file:` paths resolve as in the library).
namespace ModActors.Scenarios.Fuzzing;

internal sealed class YamlFuzzer : IFuzzer<YamlMutation>
{
    private readonly List<string> paths;
    private readonly YamlMutator mutator;

    /// <summary>Uses every scenario file given.</summary>
    public YamlFuzzer(IEnumerable<string> scenarioPaths)
    {
        paths = [.. scenarioPaths];
        if (paths.Count == 0)
            throw new ArgumentException("the YAML fuzzer needs at least one scenario");
        mutator = new YamlMutator([.. paths.Select(File.ReadAllText)]);
    }

    public string Name => "yaml";

    public (int Base, List<YamlMutation> Mutations) Generate(Random rng)
    {
        var m = mutator.Mutate(rng, out var b);
        return (b, m);
    }

    public FuzzOutcome Run(int baseIndex, IReadOnlyList<YamlMutation> mutations) =>
        YamlFuzzTarget.Run(mutator.Apply(baseIndex, mutations), paths[baseIndex], BaseDir(baseIndex));

    public string Save(string stem, int baseIndex, IReadOnlyList<YamlMutation> mutations)
    {
        var path = stem + ".yaml";
        File.WriteAllText(path, mutator.Apply(baseIndex, mutations));
        return path;
    }

    public string BaseName(int baseIndex) => Path.GetFileName(paths[baseIndex]);

    private string BaseDir(int baseIndex) => Path.GetDirectoryName(Path.GetFullPath(paths[baseIndex])) ?? ".";
}
