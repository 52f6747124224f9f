// The HOCON that puts an Akka ActorSystem under the deterministic layer. Each line answers one way
// Akka 1.5.74 breaks determinism by default:
// - dispatchers run mailboxes on the thread pool -> every dispatcher is the StepDispatcher;
// - the scheduler fires on a real-time thread -> the VirtualScheduler, on the simulation's clock;
// - the default logger makes start-up wait up to 5 s for its actor -> no loggers, logging off;
// - coordinated shutdown hooks the process exit and starts timers -> not run by termination or exit;
// - Stash needs a deque-based queue -> the StepMailboxType provides it too.
using Akka.Configuration;

namespace ModActors.Runtime.Dispatch;

/// <summary>The Akka configuration of a simulated actor system.</summary>
public static class SimulationConfig
{
    private static readonly string Assembly = typeof(SimulationConfig).Assembly.GetName().Name!;

    /// <summary>The configuration text (HOCON); <see cref="Config"/> parses it.</summary>
    public static string Hocon { get; } = $$"""
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          loggers = []
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          scheduler.implementation = "ModActors.Runtime.Dispatch.VirtualScheduler, {{Assembly}}"
          actor {
            default-dispatcher { type = "ModActors.Runtime.Dispatch.StepDispatcherConfigurator, {{Assembly}}", throughput = 1 }
            internal-dispatcher { type = "ModActors.Runtime.Dispatch.StepDispatcherConfigurator, {{Assembly}}", throughput = 1 }
            default-blocking-io-dispatcher { type = "ModActors.Runtime.Dispatch.StepDispatcherConfigurator, {{Assembly}}", throughput = 1 }
            default-mailbox.mailbox-type = "ModActors.Runtime.Dispatch.StepMailboxType, {{Assembly}}"
            mailbox.unbounded-deque-based.mailbox-type = "ModActors.Runtime.Dispatch.StepMailboxType, {{Assembly}}"
            guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy"
          }
          coordinated-shutdown {
            run-by-actor-system-terminate = off
            run-by-clr-shutdown-hook = off
            terminate-actor-system = off
          }
        }
        """;

    /// <summary>The parsed configuration.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(Hocon);
}
