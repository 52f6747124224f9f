// The TestKit's schedule helper runs a test body under many schedules and, on failure, names the
// seed and a replay file that reproduces the failing run.
using ModActors.Runtime;
using ModActors.Runtime.TestKit;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class SchedulesTests
{
    private static void WritersKeepW0First(TestKit.TestKit kit)
    {
        var log = Races.Writers(kit.Sys, 2, 1);
        kit.RunUntilQuiet();
        if (log[0] != "w0")
        {
            throw new TestKitAssertionException("w1 wrote first");
        }
    }

    [Fact]
    public void A_body_that_holds_under_every_schedule_passes_for_all_of_them()
    {
        var count = Schedules.ForAll(ScheduleSpace.Dfs(), kit =>
        {
            var log = Races.Writers(kit.Sys, 2, 1);
            kit.RunUntilQuiet();
            Assert.Equal(2, log.Count);
        });
        Assert.Equal(4, count);
    }

    [Fact]
    public void A_failing_schedule_is_reported_with_its_seed_and_a_replay_file_that_reproduces_it()
    {
        var dir = Directory.CreateTempSubdirectory("modactors-schedules-").FullName;
        try
        {
            var error = Assert.Throws<TestKitAssertionException>(() =>
                Schedules.ForAll(ScheduleSpace.Random(50, firstSeed: 10), WritersKeepW0First, dir, "writers"));
            Assert.Matches("failed under random seed [0-9]+: w1 wrote first", error.Message);
            var file = Assert.Single(Directory.GetFiles(dir));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            var replayed = Assert.Throws<TestKitAssertionException>(() => Schedules.Replay(file, WritersKeepW0First, "writers"));
            Assert.Equal("w1 wrote first", replayed.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Dfs_finds_the_schedule_where_the_second_writer_goes_first()
    {
        var dir = Directory.CreateTempSubdirectory("modactors-schedules-").FullName;
        try
        {
            var error = Assert.Throws<TestKitAssertionException>(() =>
                Schedules.ForAll(ScheduleSpace.Dfs(), WritersKeepW0First, dir, "writers"));
            Assert.Contains("failed under dfs schedule #", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
