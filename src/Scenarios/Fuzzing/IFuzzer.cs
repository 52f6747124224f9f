// What a fuzz campaign needs from a mutator and its target: make case i's mutant from its random
// stream, run a mutant (or any subset of its changes, when minimising), and write a reproducer.
namespace ModActors.Scenarios.Fuzzing;

/// <summary>A mutator with its target, over mutations of type <typeparamref name="TMutation"/>.</summary>
internal interface IFuzzer<TMutation>
{
    /// <summary>"ko" or "yaml".</summary>
    string Name { get; }

    /// <summary>Picks a base input and the changes to make to it.</summary>
    (int Base, List<TMutation> Mutations) Generate(Random rng);

    /// <summary>Runs the base with the changes applied; never throws.</summary>
    FuzzOutcome Run(int baseIndex, IReadOnlyList<TMutation> mutations);

    /// <summary>Writes the input to <paramref name="stem"/> plus its extension and returns the path.</summary>
    string Save(string stem, int baseIndex, IReadOnlyList<TMutation> mutations);

    /// <summary>The name of a base input, for reports.</summary>
    string BaseName(int baseIndex);
}
