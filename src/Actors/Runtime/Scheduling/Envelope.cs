// A message in a mailbox, and a posted await continuation waiting to resume its actor. Both are
// structs so a delivery allocates nothing.
namespace ModActors.Runtime.Scheduling;

internal readonly record struct Envelope(object Message, IActorRef? Sender);

// From: trace name of the party that caused the resumption (replier, "timer", the actor itself).
// Cause: what resumed it (a reply message, "sleep 10ms", ...), formatted only when tracing.
internal readonly record struct Resumption(SendOrPostCallback Callback, object? State, string From, object? Cause);
