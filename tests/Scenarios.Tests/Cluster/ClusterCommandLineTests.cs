// Bad cluster command lines are refused with a message naming the problem and exit code 2, before
// anything runs: a malformed HOST:PORT, a port already taken, dfs (which is split with --shard), options
// that only go with --cluster or not with it.
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using ModActors.Cli.Commands;
using Xunit;

namespace ModActors.Scenarios.Tests.Cluster;

public sealed class ClusterCommandLineTests
{
    private static (int Code, string Err) Invoke(params string[] args)
    {
        var root = new RootCommand { ExploreCommand.Create(), StressCommand.Create(), WorkerCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
            return (2, string.Join("\n", parse.Errors.Select(e => e.Message)));
        var code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal("", output.ToString());
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("explore", "--cluster", "nohost", "--cluster 'nohost' is not HOST:PORT")]
    [InlineData("explore", "--cluster", "127.0.0.1:70000", "--cluster '127.0.0.1:70000' is not HOST:PORT")]
    [InlineData("explore", "--stop-on-failure", null, "--stop-on-failure goes with --cluster")]
    [InlineData("stress", "--stop-on-failure", null, "--stop-on-failure goes with --cluster")]
    [InlineData("worker", "--join", "127.0.0.1", "--join '127.0.0.1' is not HOST:PORT")]
    public void A_bad_cluster_option_exits_2_naming_it(string command, string option, string? value, string message)
    {
        string[] args = command switch
        {
            "explore" => ["explore", ClusterJobs.ScenarioPath, option],
            "stress" => ["stress", option],
            _ => ["worker", option],
        };
        var (code, err) = Invoke(value is null ? args : [.. args, value]);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Dfs_and_shards_are_refused_on_a_cluster()
    {
        var (code, err) = Invoke("explore", ClusterJobs.ScenarioPath, "--strategy", "dfs", "--cluster", "127.0.0.1:4053");
        Assert.Equal(2, code);
        Assert.Contains("--cluster explores random or pct seeds, not dfs (use --shard i/n to split dfs)", err, StringComparison.Ordinal);
        (code, err) = Invoke("explore", ClusterJobs.ScenarioPath, "--shard", "0/2", "--cluster", "127.0.0.1:4053");
        Assert.Equal(2, code);
        Assert.Contains("--shard and --jobs do not go with --cluster", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coordinator_address_already_in_use_exits_2()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var at = $"127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
            var (code, err) = Invoke("explore", ClusterJobs.ScenarioPath, "--runs", "10", "--cluster", at);
            Assert.Equal(2, code);
            Assert.Contains($"--cluster {at}: cannot start the coordinator there:", err, StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }
}
