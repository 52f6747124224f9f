// The messages that cross the network survive the serializer: a job, and results of both kinds.
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ModActors.Scenarios.Cluster;
using Xunit;

namespace ModActors.Scenarios.Tests.Cluster;

public sealed class ClusterMessageSerializerTests : TestKit
{
    [Fact]
    public void Assignments_and_results_of_both_kinds_round_trip()
    {
        var serializer = new ClusterMessageSerializer((ExtendedActorSystem)Sys);
        var settings = ClusterJobs.Pct(4);
        var job = ClusterJobs.Explore(settings);
        var stress = ClusterSimulations.StressJob(ClusterJobs.PlantedStress());
        object[] messages =
        [
            new WorkAssignment(1, 2, job, 0, 4),
            new SeedResults(1, 2, "w", 0, 4, ClusterSimulations.Open(job)(0, 4, 1)),
            new SeedResults(1, 3, "w", 0, 2, ClusterSimulations.Open(stress)(0, 2, 1)),
            new StopWork(1, 2),
        ];
        foreach (var m in messages)
        {
            var bytes = serializer.ToBinary(m);
            var back = serializer.FromBinary(bytes, serializer.Manifest(m));
            Assert.IsType(m.GetType(), back);
            Assert.Equal(bytes, serializer.ToBinary(back));
        }
        Assert.Contains("(double put)", System.Text.Encoding.UTF8.GetString(serializer.ToBinary(messages[2])), StringComparison.Ordinal);
    }
}
