// An await continuation held back by the dispatcher until the strategy resumes its actor: Akka's
// system message, the cell it goes to, and what caused it (for the trace).
// From: trace name of the party that caused the resumption (replier, "timer", the actor itself).
// Cause: what resumed it (a reply message, "sleep 10ms", ...), formatted only when tracing.
namespace ModActors.Runtime.Scheduling;

internal readonly record struct Resumption(Akka.Dispatch.SysMsg.SystemMessage Message, Akka.Actor.ActorCell Cell, string From, object? Cause);
