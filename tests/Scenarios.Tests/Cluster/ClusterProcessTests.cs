// A real cluster on 127.0.0.1: the built `modactors` started as three processes, a coordinator (explore or
// stress --cluster) and two workers, on a port chosen free at run time. One test kills a worker in the
// middle of the run; its unfinished range goes to the other and the outcome table is byte for byte the
// single-process one. The other stops at the first failing stress seed and prints its replay command.
// Every wait is bounded and every process is killed at the end whatever happened.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.CommandLine;
using ModActors.Cli.Commands;
using Xunit;

namespace ModActors.Scenarios.Tests.Cluster;

public sealed partial class ClusterProcessTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);
    private readonly List<Process> processes = [];
    private readonly string dir = Directory.CreateTempSubdirectory("cluster-proc-").FullName;

    public void Dispose()
    {
        foreach (var p in processes)
        {
            if (!p.HasExited)
                p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
            p.Dispose();
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Explore_on_a_coordinator_and_two_workers_with_one_killed_mid_run_equals_one_process()
    {
        const int runs = 4000;
        var at = $"127.0.0.1:{FreePort()}";
        var w1 = Start("worker", "--join", at, "--jobs", "1", "--name", "w1");
        var w2 = Start("worker", "--join", at, "--jobs", "1", "--name", "w2");
        var coordinator = Start("explore", ClusterJobs.ScenarioPath, "--runs", runs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cluster", at);
        var stdout = coordinator.StandardOutput.ReadToEndAsync();
        var stderr = new List<string>();
        var killed = false;
        var clock = Stopwatch.StartNew();
        while (coordinator.StandardError.ReadLine() is { } line)
        {
            stderr.Add(line);
            if (!killed && ProgressOf(line, "w1") > 0 && ProgressOf(line, "w2") > 0)
            {
                w1.Kill(entireProcessTree: true);
                killed = true;
            }
            Assert.True(clock.Elapsed < RunLimit, "the cluster run took too long:\n" + string.Join('\n', stderr));
        }
        Assert.True(coordinator.WaitForExit(RunLimit), "the coordinator did not exit");
        var err = string.Join('\n', stderr);
        Assert.True(killed, "w1 was never seen working:\n" + err);
        Assert.Equal(0, coordinator.ExitCode);
        Assert.Matches(@"cluster: worker w1 lost; its unfinished schedules \d+\.\.\d+ go to the other workers", err);
        Assert.True(w2.WaitForExit(60_000), "w2 did not end when the coordinator left");
        Assert.Equal(0, w2.ExitCode);

        var (code, oneProcess, _) = OneProcess("explore", ClusterJobs.ScenarioPath, "--runs", runs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, code);
        Assert.Equal(oneProcess, await stdout);
    }

    [Fact]
    public async Task Stress_with_stop_on_failure_stops_at_the_first_failing_seed_and_prints_its_replay()
    {
        var at = $"127.0.0.1:{FreePort()}";
        var o = ClusterJobs.PlantedStress();
        string[] workload = ["--modules", "20", "--tasks", "10", "--ops", "100", "--mix", "load=60,unload=39,get-put=1", "--failing-inits", "0",
            "--plant-bug", "refcount", "--seed", "3", "--replay-dir", dir];
        Start("worker", "--join", at, "--jobs", "1", "--name", "w1");
        Start("worker", "--join", at, "--jobs", "1", "--name", "w2");
        var coordinator = Start(["stress", .. workload, "--seeds", o.Seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cluster", at, "--stop-on-failure"]);
        var stdout = coordinator.StandardOutput.ReadToEndAsync();
        var stderr = coordinator.StandardError.ReadToEndAsync();
        Assert.True(coordinator.WaitForExit(RunLimit), "the coordinator did not exit");
        Assert.Equal(1, coordinator.ExitCode);
        var replay = Path.Combine(dir, "stress-seed-4.json");
        Assert.Contains($"stopped every worker at the first failing seed 4; replay: modactors stress --replay {replay}", await stderr,
            StringComparison.Ordinal);
        Assert.True(File.Exists(replay));

        var (code, oneProcess, _) = OneProcess(["stress", .. workload, "--seeds", "2"]);
        Assert.Equal(1, code);
        Assert.Equal(ClusterJobs.WithoutTimings(oneProcess), ClusterJobs.WithoutTimings(await stdout));
    }

    /// <summary>The same command run in this process, on one machine.</summary>
    private static (int Code, string Out, string Err) OneProcess(params string[] args)
    {
        var root = new RootCommand { ExploreCommand.Create(), StressCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Schedules done by <paramref name="worker"/> in a progress line, or -1 when the line does not show it.</summary>
    private static long ProgressOf(string line, string worker)
    {
        var m = WorkerDone().Match(line);
        for (; m.Success; m = m.NextMatch())
        {
            if (m.Groups[1].Value == worker)
                return long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return -1;
    }

    [GeneratedRegex(@" (w\d)(?: \(lost\))? (\d+) \(")]
    private static partial Regex WorkerDone();

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "modactors.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        var p = Process.Start(start)!;
        processes.Add(p);
        if (args[0] == "worker")
        {
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
        }
        return p;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
