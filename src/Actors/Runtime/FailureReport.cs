// The report of a run ended by an exception in a handler: contained, never a process crash and
// never a silent restart.
using System.Globalization;
using System.Text;

namespace ModActors.Runtime;

/// <summary>What failed, where and under which schedule.</summary>
public sealed class FailureReport
{
    internal FailureReport(string actor, string message, long step, string strategy, long seed, Exception? exception, string error, IReadOnlyList<string> traceTail)
    {
        Actor = actor;
        Message = message;
        Step = step;
        Strategy = strategy;
        Seed = seed;
        Exception = exception;
        Error = error;
        TraceTail = traceTail;
    }

    /// <summary>The actor whose handler failed ("(scheduler)" when a replayed schedule diverged).</summary>
    public string Actor { get; }

    /// <summary>The message it was handling.</summary>
    public string Message { get; }

    /// <summary>The step number.</summary>
    public long Step { get; }

    /// <summary>The strategy's name.</summary>
    public string Strategy { get; }

    /// <summary>The strategy's seed.</summary>
    public long Seed { get; }

    /// <summary>The exception, when there was one.</summary>
    public Exception? Exception { get; }

    /// <summary>The error as "Type: message".</summary>
    public string Error { get; }

    /// <summary>The last steps of the trace (up to 20).</summary>
    public IReadOnlyList<string> TraceTail { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Actor} failed at step {Step} handling {Message} ({Strategy}, seed {Seed}): {Error}");
        foreach (var line in TraceTail)
        {
            sb.Append("\n  ").Append(line);
        }

        return sb.ToString();
    }
}
