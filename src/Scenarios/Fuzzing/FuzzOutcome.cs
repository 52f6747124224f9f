// What one fuzz case came to. Rejections with an errno, invalid scenarios with FILE:LINE:COL errors,
// loads and runs are all correct answers to hostile input; an internal error (an exception that is a
// bug in ModActors) or a hang is what the fuzzers hunt.
namespace ModActors.Scenarios.Fuzzing;

/// <summary>How a case ended, in classes that are counted.</summary>
internal enum FuzzClass
{
    /// <summary>The input was refused with a clear error (an errno, or FILE:LINE:COL).</summary>
    Rejected,
    /// <summary>The input was accepted and ran to an answer (the call's result, or the scenario's verdict).</summary>
    Accepted,
    /// <summary>An exception escaped, or the simulation failed with one: a bug.</summary>
    InternalError,
    /// <summary>The case did not finish within the time limit: a bug.</summary>
    Hang,
}

/// <summary>One case's outcome: its class and what, in a word, happened ("-ENOEXEC", "loaded", "pass").</summary>
internal sealed record FuzzOutcome(FuzzClass Class, string Detail)
{
    public bool IsBug => Class is FuzzClass.InternalError or FuzzClass.Hang;

    /// <summary>The counting key: the class and, except for bugs (whose text varies), the detail.</summary>
    public string Key => IsBug ? Class.ToString() : $"{Class} {Detail}";

    /// <summary>Where an internal error was thrown (the exception with its stack), for the reproducer's note.</summary>
    public string? Stack { get; init; }

    public static FuzzOutcome Internal(Exception e) => new(FuzzClass.InternalError, $"{e.GetType().Name}: {e.Message}") { Stack = e.ToString() };
}
