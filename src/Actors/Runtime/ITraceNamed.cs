// How a reference names itself in trace lines: its path below /user ("a", "parent/child"), the
// asker for an Ask's temporary reference.
namespace ModActors.Runtime;

internal interface ITraceNamed
{
    string TraceName { get; }
}
