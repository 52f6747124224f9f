// The .ko fuzzer: a KoMutator per base module (the fixtures' .ko files), run through KoFuzzTarget.
namespace ModActors.Scenarios.Fuzzing;

internal sealed class KoFuzzer : IFuzzer<KoMutation>
{
    private readonly List<(string Path, KoMutator Mutator)> bases;

    /// <summary>Uses every base image given (paths to uncompressed .ko files).</summary>
    public KoFuzzer(IEnumerable<string> paths)
    {
        bases = [.. paths.Select(p => (p, new KoMutator(KoLayout.Parse(File.ReadAllBytes(p)))))];
        if (bases.Count == 0)
            throw new ArgumentException("the .ko fuzzer needs at least one base module");
    }

    public string Name => "ko";

    public (int Base, List<KoMutation> Mutations) Generate(Random rng)
    {
        var b = rng.Next(bases.Count);
        return (b, bases[b].Mutator.Mutate(rng));
    }

    public FuzzOutcome Run(int baseIndex, IReadOnlyList<KoMutation> mutations) =>
        KoFuzzTarget.Run(bases[baseIndex].Mutator.Apply(mutations));

    public string Save(string stem, int baseIndex, IReadOnlyList<KoMutation> mutations)
    {
        var path = stem + ".ko";
        File.WriteAllBytes(path, bases[baseIndex].Mutator.Apply(mutations));
        return path;
    }

    public string BaseName(int baseIndex) => Path.GetFileName(bases[baseIndex].Path);
}
