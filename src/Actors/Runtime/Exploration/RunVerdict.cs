// How a scenario judges one finished run: an outcome key (runs with the same key are the same
// outcome) and whether it passed.
namespace ModActors.Runtime;

/// <summary>The judgement of one run: an outcome key and pass/fail.</summary>
/// <param name="Key">Groups runs into outcomes, e.g. "counter=2".</param>
/// <param name="Passed">Whether the outcome is acceptable.</param>
public sealed record RunVerdict(string Key, bool Passed)
{
    /// <summary>The default judgement: the key is the run's outcome; only quiescent runs pass.</summary>
    public static RunVerdict FromOutcome(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RunVerdict(result.Outcome.ToString(), result.Outcome == RunOutcome.Quiescent);
    }
}
