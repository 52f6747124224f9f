// Akka.NET's log events go to standard error, so a coordinator's standard output holds only the outcome
// table or the stress summary, byte for byte what the single-machine command prints. A node's remoting
// reports every dropped connection as an error; those are expected when a node leaves or dies (the
// coordinator and the workers say so in their own words) and are left out.
using Akka.Actor;
using Akka.Event;

namespace ModActors.Scenarios.Cluster;

internal sealed class StderrLogger : ReceiveActor
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            if (!e.LogSource.Contains("endpointWriter", StringComparison.OrdinalIgnoreCase))
                Console.Error.WriteLine($"cluster: {e.LogLevel().ToString().Replace("Level", "", StringComparison.Ordinal).ToLowerInvariant()}: {e.LogSource}: {e.Message}");
        });
    }
}
