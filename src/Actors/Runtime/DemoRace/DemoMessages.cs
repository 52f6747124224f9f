// The messages of the demo race: start an increment, read the counter, write it.
namespace ModActors.Runtime;

internal sealed record DemoIncrement;

internal sealed record DemoRead;

internal sealed record DemoWrite(int Value);
