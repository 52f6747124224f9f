// Exit codes shared by every subcommand.
namespace ModActors.Cli;

internal static class ExitCodes
{
    /// <summary>Everything held.</summary>
    public const int Ok = 0;
    /// <summary>An expectation or invariant failed.</summary>
    public const int Failed = 1;
    /// <summary>The command line or an input file is invalid.</summary>
    public const int Invalid = 2;
    /// <summary>An internal error: a bug in ModActors (reported with the seed and a replay file when a simulation hit it).</summary>
    public const int InternalError = 3;
}
