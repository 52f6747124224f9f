// What one call of a run returned: who made it, what it was, its result (0 or -errno, and the text of a
// read), the virtual times and the simulation steps around it.
namespace ModActors.Scenarios;

internal sealed record CallRecord(string Task, int Step, CallStep Call, int Rc, string? Text, TimeSpan Start, TimeSpan End)
{
    /// <summary>The simulation steps the call started and ended in.</summary>
    public (long Start, long End) Steps { get; init; }

    public string Describe() => $"{Task}: {Call.Op} {Call.Target}";
}
