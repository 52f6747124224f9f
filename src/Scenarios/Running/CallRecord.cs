// What one call of a run returned: who made it, what it was, its result (0 or -errno, and the text of a
// read) and the virtual times around it.
namespace ModActors.Scenarios;

internal sealed record CallRecord(string Task, int Step, CallStep Call, int Rc, string? Text, TimeSpan Start, TimeSpan End)
{
    public string Describe() => $"{Task}: {Call.Op} {Call.Target}";
}
