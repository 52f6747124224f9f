// Same program, strategy and seed give the same trace; a saved schedule replays the run exactly.
using Akka.Actor;
using Xunit;

namespace ModActors.Runtime.Tests;

public sealed class DeterminismTests
{
    private static RunResult RunWriters(ISchedulingStrategy strategy)
    {
        using var sys = Simulation.Create("det", new SimulationOptions { Strategy = strategy });
        Races.Writers(sys, 3, 3);
        return sys.Run();
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_hash()
    {
        var first = RunWriters(new RandomStrategy(42));
        var second = RunWriters(new RandomStrategy(42));
        Assert.Equal(first.Trace.ToText(), second.Trace.ToText());
        Assert.Equal(first.Trace.Hash(), second.Trace.Hash());
        Assert.Equal(64, first.Trace.Hash().Length);
    }

    [Fact]
    public void The_trace_of_a_fixed_program_and_seed_is_byte_identical_across_processes()
    {
        var result = RunWriters(new RandomStrategy(5));
        Assert.Equal(GoldenHash, result.Trace.Hash());
    }

    private const string GoldenHash = "d556f75340d940074ebe151dcfc97d83bc6bc97d8e401c5441e0e5a6e714ae20";

    [Fact]
    public void Different_random_seeds_explore_different_interleavings()
    {
        var hashes = Enumerable.Range(0, 20).Select(s => RunWriters(new RandomStrategy(s)).Trace.Hash()).Distinct().Count();
        Assert.True(hashes > 10, $"only {hashes} distinct traces out of 20 seeds");
    }

    [Fact]
    public void Pct_with_the_same_seed_and_depth_gives_the_same_trace()
    {
        var first = RunWriters(new PctStrategy(7, 3, 30));
        var second = RunWriters(new PctStrategy(7, 3, 30));
        Assert.Equal(first.Trace.Hash(), second.Trace.Hash());
        Assert.Equal("pct", first.Schedule.Strategy);
        Assert.Equal(3, first.Schedule.Depth);
    }

    [Fact]
    public void Fifo_runs_writers_in_the_order_they_became_enabled()
    {
        using var sys = Simulation.Create("fifo");
        var log = Races.Writers(sys, 3, 2);
        sys.Run();
        Assert.Equal(["w0", "w1", "w2", "w0", "w1", "w2"], log);
    }

    [Fact]
    public void A_saved_schedule_replays_the_run_step_for_step()
    {
        var original = RunWriters(new RandomStrategy(1234));
        var path = Path.Combine(Path.GetTempPath(), $"modactors-replay-{Guid.NewGuid():N}.json");
        try
        {
            original.Schedule.Save(path);
            var loaded = Schedule.Load(path);
            Assert.Equal(original.Schedule.Choices, loaded.Choices);
            Assert.Equal(1234, loaded.Seed);
            var replayed = RunWriters(new ReplayStrategy(loaded));
            Assert.Equal(original.Trace.ToText(), replayed.Trace.ToText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Replay_of_a_schedule_that_does_not_fit_the_program_fails_clearly()
    {
        var schedule = new Schedule("random", 1, 0, [5, 5, 5]);
        var result = RunWriters(new ReplayStrategy(schedule));
        Assert.Equal(RunOutcome.Failure, result.Outcome);
        Assert.Equal("(scheduler)", result.Failure!.Actor);
        Assert.Contains("replay diverged", result.Failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_schedule_file_is_rejected_with_a_format_error()
    {
        var error = Assert.Throws<FormatException>(() => Schedule.FromJson("{\"strategy\":\"pct\",\"seed\":1,\"choices\":[0]}"));
        Assert.Contains("depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trace_has_a_text_line_and_a_json_object_per_step()
    {
        var result = RunWriters(new FifoStrategy());
        var lines = result.Trace.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(result.Steps, lines.Length);
        Assert.StartsWith("#1 t=0ms - -> w0 Go", lines[0], StringComparison.Ordinal);
        Assert.Contains("[log=w0]", result.Trace.ToText(), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(result.Trace.ToJson());
        Assert.Equal(result.Steps, json.RootElement.GetArrayLength());
        Assert.Equal("sink", json.RootElement[3].GetProperty("to").GetString());
    }
}
