// Runs a test body under many schedules: every dfs schedule, or N random/pct seeds. The first
// failing schedule is written to a replay file, and the failure names the seed and the file, so
// the race can be replayed step for step with Schedules.Replay.
using System.Globalization;

namespace ModActors.Runtime.TestKit;

/// <summary>Runs a test body under a set of schedules.</summary>
public static class Schedules
{
    /// <summary>
    /// Runs <paramref name="body"/> once per schedule of <paramref name="space"/>, each time with a new
    /// <see cref="TestKit"/>; returns the number of schedules run. A run fails when the body throws or the
    /// simulation ended in a failure or invariant violation; the exception then names the seed (or dfs
    /// schedule number) and the replay file written to <paramref name="replayDirectory"/> (default: the temp directory).
    /// </summary>
    public static long ForAll(ScheduleSpace space, Action<TestKit> body, string? replayDirectory = null, string name = "test")
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(body);
        if (space.Mode == ExploreMode.Dfs)
        {
            var dfs = new DfsStrategy(space.MaxSchedules);
            long index = 0;
            do
            {
                RunBody(space, dfs, body, replayDirectory, name, $"dfs schedule #{index}", $"dfs-{index}");
                index++;
            }
            while (dfs.NextSchedule());
            return index;
        }

        for (var i = 0L; i < space.Runs; i++)
        {
            var seed = space.FirstSeed + i;
            ISchedulingStrategy strategy = space.Mode == ExploreMode.Pct
                ? new PctStrategy(seed, space.Depth, space.PctSteps)
                : new RandomStrategy(seed);
            var label = strategy.Name + " seed " + seed.ToString(CultureInfo.InvariantCulture);
            RunBody(space, strategy, body, replayDirectory, name, label, strategy.Name + "-" + seed.ToString(CultureInfo.InvariantCulture));
        }

        return space.Runs;
    }

    /// <summary>Runs <paramref name="body"/> once more under the schedule saved at <paramref name="path"/>.</summary>
    public static void Replay(string path, Action<TestKit> body, string name = "test")
    {
        ArgumentNullException.ThrowIfNull(body);
        using var kit = new TestKit(name, new SimulationOptions { Strategy = new ReplayStrategy(Schedule.Load(path)) });
        body(kit);
        ThrowIfEnded(kit.Sys);
    }

    private static void RunBody(ScheduleSpace space, ISchedulingStrategy strategy, Action<TestKit> body, string? directory, string name, string label, string fileTag)
    {
        using var kit = new TestKit(name, new SimulationOptions { Strategy = strategy, MaxSteps = space.MaxSteps });
        try
        {
            body(kit);
            ThrowIfEnded(kit.Sys);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var path = System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"modactors-replay-{name}-{fileTag}.json");
            kit.Sys.Schedule.Save(path);
            throw new TestKitAssertionException($"failed under {label}: {e.Message}\nreplay file: {path}", e);
        }
    }

    private static void ThrowIfEnded(ActorSystem sys)
    {
        var result = sys.Result;
        if (result.Outcome is RunOutcome.Failure or RunOutcome.InvariantViolation)
        {
            throw new TestKitAssertionException("the simulation ended: " + result);
        }
    }
}
