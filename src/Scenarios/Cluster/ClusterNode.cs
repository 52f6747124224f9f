// One node of the exploration cluster, an Akka.NET cluster over Akka.Remote's TCP transport: the
// coordinator's node is the seed every worker joins and hosts the coordinator as a cluster singleton
// (Akka.Cluster.Tools); a worker's node reaches it through a singleton proxy. Nothing downs nodes on
// its own: the coordinator's node downs a worker that becomes unreachable (so its death watch fires and
// its seeds are reassigned), and a worker ends when the coordinator's node leaves, or stays unreachable.
using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ModActors.Scenarios.Cluster;

internal sealed class ClusterNode : IDisposable
{
    public const string SystemName = "modactors";
    private const string CoordinatorRole = "coordinator";
    private const string WorkerRole = "worker";

    private ClusterNode(ActorSystem system, IActorRef coordinator)
    {
        System = system;
        Coordinator = coordinator;
    }

    public ActorSystem System { get; }

    /// <summary>The coordinator singleton, through its proxy.</summary>
    public IActorRef Coordinator { get; }

    /// <summary>How long a worker waits for an unreachable coordinator before it gives up.</summary>
    public static TimeSpan CoordinatorLostAfter { get; } = TimeSpan.FromSeconds(20);

    /// <summary>Starts the coordinator's node listening at <paramref name="at"/>, the seed node of the cluster.</summary>
    public static ClusterNode StartCoordinator(ClusterAddress at)
    {
        ArgumentNullException.ThrowIfNull(at);
        var system = ActorSystem.Create(SystemName, Config(at.Host, at.Port, at, CoordinatorRole));
        system.ActorOf(ClusterSingletonManager.Props(
            Props.Create(() => new JobCoordinator()),
            PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system).WithRole(CoordinatorRole)), "coordinator");
        system.ActorOf(Props.Create(() => new WorkerDowner()), "downer");
        return new ClusterNode(system, Proxy(system));
    }

    /// <summary>Starts a worker's node at <paramref name="host"/>:<paramref name="port"/> (0: any free port) that joins <paramref name="join"/>.</summary>
    public static (ClusterNode Node, CoordinatorWatch Watch) StartWorker(ClusterAddress join, string host, int port, int slots, string? name)
    {
        ArgumentNullException.ThrowIfNull(join);
        var system = ActorSystem.Create(SystemName, Config(host, port, join, WorkerRole));
        var self = AkkaCluster.Get(system).SelfAddress;
        var proxy = Proxy(system);
        var label = name ?? $"{self.Host}:{self.Port?.ToString(CultureInfo.InvariantCulture)}";
        var watch = new CoordinatorWatch();
        system.ActorOf(Props.Create(() => new CoordinatorWatcher(watch)), "coordinator-watch");
        system.ActorOf(Props.Create(() => new SeedWorker(proxy, label, slots, ClusterSimulations.Open)), "worker");
        return (new ClusterNode(system, proxy), watch);
    }

    /// <summary>Leaves the cluster and stops the node (bounded wait).</summary>
    public void Dispose()
    {
        CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance).Wait(TimeSpan.FromSeconds(15));
        System.Dispose();
    }

    private static IActorRef Proxy(ActorSystem system) => system.ActorOf(ClusterSingletonProxy.Props(
        "/user/coordinator", ClusterSingletonProxySettings.Create(system).WithRole(CoordinatorRole)), "coordinator-proxy");

    private static Config Config(string host, int port, ClusterAddress seed, string role) => ConfigurationFactory.ParseString($$"""
        akka {
          loggers = ["{{typeof(StderrLogger).FullName}}, {{typeof(StderrLogger).Assembly.GetName().Name}}"]
          loglevel = ERROR
          stdout-loglevel = OFF
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor {
            provider = cluster
            serializers.modactors = "{{typeof(ClusterMessageSerializer).FullName}}, {{typeof(ClusterMessageSerializer).Assembly.GetName().Name}}"
            serialization-bindings {
              "{{typeof(IClusterMessage).FullName}}, {{typeof(IClusterMessage).Assembly.GetName().Name}}" = modactors
            }
          }
          remote {
            log-remote-lifecycle-events = off
            retry-gate-closed-for = 1s
            dot-netty.tcp {
              hostname = "{{host}}"
              port = {{port.ToString(CultureInfo.InvariantCulture)}}
              maximum-frame-size = 33554432b
              send-buffer-size = 67108864b
              receive-buffer-size = 67108864b
            }
          }
          cluster {
            seed-nodes = ["akka.tcp://{{SystemName}}@{{seed}}"]
            roles = [{{role}}]
            downing-provider-class = ""
            seed-node-timeout = 2s
            retry-unsuccessful-join-after = 2s
            log-info = off
            failure-detector {
              heartbeat-interval = 1s
              acceptable-heartbeat-pause = 8s
            }
          }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    /// <summary>On the coordinator's node: downs a worker node that became unreachable, so the coordinator's death watch fires.</summary>
    private sealed class WorkerDowner : ReceiveActor
    {
        public WorkerDowner()
        {
            var cluster = AkkaCluster.Get(Context.System);
            Receive<ClusterEvent.UnreachableMember>(u =>
            {
                if (u.Member.HasRole(WorkerRole))
                    cluster.Down(u.Member.Address);
            });
        }

        protected override void PreStart() =>
            AkkaCluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember));

        protected override void PostStop() => AkkaCluster.Get(Context.System).Unsubscribe(Self);
    }

    /// <summary>On a worker's node: ends the worker when the coordinator's node leaves, or stays unreachable.</summary>
    private sealed class CoordinatorWatcher : ReceiveActor, IWithTimers
    {
        public CoordinatorWatcher(CoordinatorWatch watch)
        {
            Receive<ClusterEvent.MemberUp>(m =>
            {
                if (m.Member.HasRole(CoordinatorRole))
                    watch.Joined(m.Member.Address.ToString());
            });
            Receive<ClusterEvent.MemberRemoved>(m => Gone(m.Member, watch, lost: false));
            Receive<ClusterEvent.MemberExited>(m => Gone(m.Member, watch, lost: false));
            Receive<ClusterEvent.UnreachableMember>(m =>
            {
                if (m.Member.HasRole(CoordinatorRole))
                    Timers.StartSingleTimer("lost", m.Member, CoordinatorLostAfter);
            });
            Receive<ClusterEvent.ReachableMember>(m =>
            {
                if (m.Member.HasRole(CoordinatorRole))
                    Timers.Cancel("lost");
            });
            Receive<Member>(m => Gone(m, watch, lost: true));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => AkkaCluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.MemberExited),
            typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.ReachableMember));

        protected override void PostStop() => AkkaCluster.Get(Context.System).Unsubscribe(Self);

        private static void Gone(Member m, CoordinatorWatch watch, bool lost)
        {
            if (m.HasRole(CoordinatorRole))
                watch.Left(m.Address.ToString(), lost);
        }
    }
}

/// <summary>What a worker's command waits for: the coordinator seen, and the coordinator gone.</summary>
internal sealed class CoordinatorWatch
{
    private readonly TaskCompletionSource<bool> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lines to print once.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Notices { get; } = new();

    /// <summary>Completes when the coordinator is gone: true when it was lost (unreachable), false when it left.</summary>
    public Task<bool> Gone => ended.Task;

    internal void Joined(string address) => Notices.Enqueue($"worker: joined the coordinator at {address}");

    internal void Left(string address, bool lost)
    {
        if (ended.TrySetResult(lost))
            Notices.Enqueue(lost ? $"worker: lost the coordinator at {address}" : $"worker: the coordinator at {address} left");
    }
}
