// replay: follows a recorded schedule choice by choice, and stops the run with a clear failure if
// the program offers a different set of choices than when it was recorded.
using Akka.Actor;
using System.Globalization;

namespace ModActors.Runtime;

/// <summary>Replays a recorded <see cref="Schedule"/>.</summary>
public sealed class ReplayStrategy(Schedule schedule) : ISchedulingStrategy
{
    private int next;

    /// <inheritdoc/>
    public string Name => "replay";

    /// <inheritdoc/>
    public long Seed => schedule.Seed;

    /// <inheritdoc/>
    public int Depth => schedule.Depth;

    /// <summary>The schedule being followed.</summary>
    public Schedule Schedule => schedule;

    /// <summary>Whether every recorded choice has been used.</summary>
    public bool Completed => next == schedule.Choices.Count;

    /// <inheritdoc/>
    public int Choose(IReadOnlyList<IActorRef> candidates, long step) =>
        candidates.Count == 1 || schedule.Strategy == "fifo" ? 0 : Next(candidates.Count, step, "actors are enabled");

    /// <summary>The recorded duration; a fifo schedule records none and takes the middle one, as fifo did.</summary>
    public int ChooseDuration(int count, long step) =>
        schedule.Strategy == "fifo" ? count / 2 : Next(count, step, "durations are offered");

    private int Next(int count, long step, string what)
    {
        if (next >= schedule.Choices.Count)
        {
            throw new ScheduleDivergenceException(string.Create(
                CultureInfo.InvariantCulture,
                $"replay diverged at step {step}: the schedule has {schedule.Choices.Count} choices but the program offers more ({count} candidates)"));
        }

        var choice = schedule.Choices[next];
        if (choice >= count)
        {
            throw new ScheduleDivergenceException(string.Create(
                CultureInfo.InvariantCulture,
                $"replay diverged at step {step}: choice {next} is {choice} but only {count} {what}"));
        }

        next++;
        return choice;
    }
}
