// What `explore --cluster` and `stress --cluster` share: the options, starting the coordinator's node at
// HOST:PORT, submitting the job and waiting for its results while showing progress — a Spectre.Console
// bar per worker (schedules/s) under the job's bar (outcomes so far) on a terminal, a plain line on stderr
// at every tenth otherwise — and leaving the cluster, which ends the workers.
using System.CommandLine;
using System.Globalization;
using System.Text;
using Akka.Actor;
using ModActors.Scenarios.Cluster;
using Spectre.Console;

namespace ModActors.Cli.Commands;

internal static class ClusterCommandLine
{
    public static Option<string?> ClusterOption() => new("--cluster")
    {
        Description = "Run the seeds on an Akka.NET cluster: start its coordinator at HOST:PORT; workers join with `modactors worker --join HOST:PORT`.",
    };

    public static Option<bool> StopOnFailureOption() => new("--stop-on-failure")
    {
        Description = "With --cluster: stop every worker at the first failing seed (in seed order) and print its replay command.",
    };

    /// <summary>Runs <paramref name="job"/> on the cluster; null after printing why it could not (bad address, a worker's error).</summary>
    public static JobFinished? RunJob(string command, string address, ClusterJob job, bool stopOnFailure, bool console, TextWriter error)
    {
        ClusterAddress at;
        try
        {
            at = ClusterAddress.Parse(address);
        }
        catch (FormatException e)
        {
            error.WriteLine($"modactors {command}: --cluster {e.Message}");
            return null;
        }
        ClusterNode node;
        try
        {
            node = ClusterNode.StartCoordinator(at);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var inner = e;
            while (inner.InnerException is not null)
                inner = inner.InnerException;
            error.WriteLine($"modactors {command}: --cluster {at}: cannot start the coordinator there: {inner.Message}");
            return null;
        }
        JobFinished finished;
        using (node)
        {
            var watch = new JobWatch();
            node.System.ActorOf(Props.Create(() => new JobClient(node.Coordinator, new SubmitJob(job, stopOnFailure), watch, job.FirstSeed, job.Unit)), "client");
            error.WriteLine($"cluster: coordinator at {at}; start workers with: modactors worker --join {at}");
            if (console && !Console.IsOutputRedirected)
                WithProgressBars(job, watch);
            else
                WithProgressLines(job, watch, console ? Console.Error : null, error);
            finished = watch.Finished.GetAwaiter().GetResult();
            Flush(watch, error);
        }
        if (finished.Error is not null)
        {
            error.WriteLine($"modactors {command}: {finished.Error}");
            return null;
        }
        return finished;
    }

    private static void WithProgressBars(ClusterJob job, JobWatch watch)
    {
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var total = ctx.AddTask($"{job.Seeds} {job.Unit}: waiting for workers", maxValue: Math.Max(1, job.Seeds));
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                do
                {
                    Flush(watch, Console.Error);
                    if (watch.Progress is not { } p)
                        continue;
                    total.MaxValue = Math.Max(1, p.Total);
                    total.Value = p.Done;
                    total.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{p.Done} of {p.Total} {job.Unit}: {p.Outcomes} outcomes, {p.Failed} failed"));
                    foreach (var w in p.Workers)
                    {
                        if (!bars.TryGetValue(w.Worker, out var bar))
                            bars[w.Worker] = bar = ctx.AddTask(Markup.Escape(w.Worker), maxValue: Math.Max(1, p.Total));
                        bar.Value = w.Done;
                        bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                            $"  {w.Worker}{(w.Lost ? " (lost)" : "")}: {w.PerSecond:F0} {job.Unit}/s"));
                    }
                }
                while (!watch.Finished.Wait(200));
                total.Value = total.MaxValue;
            });
    }

    /// <summary>Without a terminal: a line at every tenth of the seeds (on <paramref name="lines"/>, if any); notices always.</summary>
    private static void WithProgressLines(ClusterJob job, JobWatch watch, TextWriter? lines, TextWriter error)
    {
        var shown = -1L;
        while (!watch.Finished.Wait(250))
        {
            Flush(watch, error);
            if (lines is null || watch.Progress is not { } p || p.Total == 0)
                continue;
            var tenth = p.Done * 10 / p.Total;
            if (tenth > shown && tenth < 10)
            {
                shown = tenth;
                lines.WriteLine(Line(p, job.Unit));
            }
        }
    }

    private static string Line(JobProgress p, string unit)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"cluster: {p.Done * 100 / Math.Max(1, p.Total)}% ({p.Done} of {p.Total} {unit}; {p.Outcomes} outcomes, {p.Failed} failed; workers:");
        foreach (var w in p.Workers)
            sb.Append(CultureInfo.InvariantCulture, $" {w.Worker}{(w.Lost ? " (lost)" : "")} {w.Done} ({w.PerSecond:F0}/s)");
        return sb.Append(')').ToString();
    }

    private static void Flush(JobWatch watch, TextWriter error)
    {
        while (watch.Notices.TryDequeue(out var notice))
            error.WriteLine(notice);
    }
}
