// `modactors worker --join HOST:PORT [--host H] [--port P] [--jobs N] [--name NAME]`: a node of the
// exploration cluster that runs the seeds the coordinator at HOST:PORT hands it (explore and stress
// jobs), until that coordinator leaves (exit 0) or stays unreachable (exit 1). It waits for a coordinator
// that is not up yet. Progress goes to stderr.
using System.CommandLine;
using ModActors.Scenarios.Cluster;

namespace ModActors.Cli.Commands;

internal static class WorkerCommand
{
    public static Command Create()
    {
        var join = new Option<string>("--join") { Description = "The coordinator's HOST:PORT (its --cluster).", Required = true };
        var host = new Option<string?>("--host") { Description = "The address other nodes reach this one at (default: the local address towards the coordinator)." };
        var port = new Option<int?>("--port") { Description = "The port to listen at (default: any free port)." };
        var jobs = new Option<int?>("--jobs") { Description = "Simulations run at once (default: all cores)." };
        var name = new Option<string?>("--name") { Description = "How the coordinator shows this worker (default: HOST:PORT)." };
        var command = new Command("worker", "Join an exploration cluster and run the seeds its coordinator hands out.") { join, host, port, jobs, name };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            ClusterAddress at;
            try
            {
                at = ClusterAddress.Parse(parse.GetValue(join)!);
            }
            catch (FormatException e)
            {
                error.WriteLine($"modactors worker: --join {e.Message}");
                return ExitCodes.Invalid;
            }
            var slots = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            var listen = parse.GetValue(port) ?? 0;
            if (slots < 1 || listen is < 0 or > 65535)
            {
                error.WriteLine("modactors worker: --jobs must be at least 1 and --port between 0 and 65535");
                return ExitCodes.Invalid;
            }
            return Serve(at, parse.GetValue(host) ?? ClusterAddress.LocalAddressTowards(at), listen, slots, parse.GetValue(name), error);
        });
        return command;
    }

    private static int Serve(ClusterAddress at, string host, int port, int slots, string? name, TextWriter error)
    {
        ClusterNode node;
        CoordinatorWatch watch;
        try
        {
            (node, watch) = ClusterNode.StartWorker(at, host, port, slots, name);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"modactors worker: cannot start a node at {host}:{port}: {e.GetBaseException().Message}");
            return ExitCodes.Invalid;
        }
        bool lost;
        using (node)
        {
            error.WriteLine($"worker: {slots} simulation(s) at once, joining the coordinator at {at}");
            while (!watch.Gone.Wait(250))
                Flush(watch, error);
            lost = watch.Gone.Result;
            Flush(watch, error);
        }
        return lost ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static void Flush(CoordinatorWatch watch, TextWriter error)
    {
        while (watch.Notices.TryDequeue(out var notice))
            error.WriteLine(notice);
    }
}
