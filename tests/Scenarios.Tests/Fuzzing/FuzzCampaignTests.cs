// The fuzzers with a bounded budget, as CI runs them: a few hundred .ko mutants through the reader and the
// simulated finit_module, a few hundred YAML mutants through lint and a fifo run, with no internal error and
// no hang; and the campaign machinery itself: cases reproducible from the seed, failing cases minimised and
// saved, a case that runs too long reported as a hang.
using ModActors.Scenarios.Fuzzing;
using ModActors.Scenarios.Tests.Scenario;
using Xunit;

namespace ModActors.Scenarios.Tests.Fuzzing;

public sealed class FuzzCampaignTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("fuzz-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static string[] KoBases() =>
        [.. Directory.GetFiles(Path.Combine(ScenarioFiles.Root, "fixtures", "ko"), "*.ko").Where(p => !p.EndsWith("notelf.ko", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Ko_mutants_are_all_answered_with_a_load_or_an_errno()
    {
        var summary = FuzzCampaign.Run(new KoFuzzer(KoBases()), 400, seed: 7, dir, Limit);
        Assert.True(summary.Bugs.Count == 0, string.Join("\n", summary.Lines()));
        Assert.Contains("Accepted loaded", summary.Counts.Keys);
        Assert.Contains(summary.Counts.Keys, k => k.StartsWith("Rejected -E", StringComparison.Ordinal));
        Assert.Contains(summary.Counts.Keys, k => k.StartsWith("Rejected finit -E", StringComparison.Ordinal));
        Assert.Equal(400, summary.Counts.Values.Sum());
    }

    [Fact]
    public void Yaml_mutants_are_all_answered_with_positioned_errors_or_a_verdict()
    {
        var summary = FuzzCampaign.Run(new YamlFuzzer(ScenarioFiles.LibraryFiles()), 300, seed: 7, dir, Limit);
        Assert.True(summary.Bugs.Count == 0, string.Join("\n", summary.Lines()));
        Assert.Contains("Rejected invalid", summary.Counts.Keys);
        Assert.Contains(summary.Counts.Keys, k => k.StartsWith("Accepted", StringComparison.Ordinal));
    }

    [Fact]
    public void A_case_depends_only_on_the_seed_and_its_number()
    {
        var fuzzer = new KoFuzzer(KoBases());
        var a = fuzzer.Generate(FuzzCampaign.CaseRandom(5, 123));
        var b = fuzzer.Generate(FuzzCampaign.CaseRandom(5, 123));
        var c = fuzzer.Generate(FuzzCampaign.CaseRandom(5, 124));
        Assert.Equal(a.Base, b.Base);
        Assert.Equal(string.Join("|", a.Mutations), string.Join("|", b.Mutations));
        Assert.NotEqual(string.Join("|", a.Mutations) + a.Base, string.Join("|", c.Mutations) + c.Base);
    }

    /// <summary>Mutations are numbers; a mutant errs when it holds a 3, and sleeps for ever when it holds a 99.</summary>
    private sealed class Planted : IFuzzer<int>
    {
        public string Name => "planted";

        public (int Base, List<int> Mutations) Generate(Random rng) => (0, [rng.Next(10), 3, rng.Next(10), rng.Next(10)]);

        public FuzzOutcome Run(int baseIndex, IReadOnlyList<int> mutations)
        {
            if (mutations.Contains(99))
                Thread.Sleep(Timeout.Infinite);
            return mutations.Contains(3) ? FuzzOutcome.Internal(new InvalidOperationException("planted")) : new FuzzOutcome(FuzzClass.Accepted, "ok");
        }

        public string Save(string stem, int baseIndex, IReadOnlyList<int> mutations)
        {
            File.WriteAllText(stem + ".txt.input", string.Join(",", mutations));
            return stem + ".txt.input";
        }

        public string BaseName(int baseIndex) => "planted";
    }

    [Fact]
    public void An_internal_error_is_minimised_to_the_change_that_causes_it_and_saved_with_a_note()
    {
        var summary = FuzzCampaign.Run(new Planted(), 2, seed: 1, dir, Limit);
        Assert.Equal(2, summary.InternalErrors);
        var bug = summary.Bugs[0];
        Assert.Equal(1, bug.Changes);
        Assert.Equal("3", File.ReadAllText(bug.Reproducer));
        var note = File.ReadAllText(Path.Combine(dir, "planted-seed-1-case-0.txt"));
        Assert.Contains("outcome: InternalError: InvalidOperationException: planted", note, StringComparison.Ordinal);
        Assert.Contains("modactors fuzz planted --seed 1: case 0", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_that_outlives_the_limit_is_a_hang()
    {
        var outcome = FuzzCampaign.Guarded(() => new Planted().Run(0, [99]), TimeSpan.FromMilliseconds(200));
        Assert.Equal(FuzzClass.Hang, outcome.Class);
        Assert.True(outcome.IsBug);
    }
}
