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
    public int Choose(IReadOnlyList<IActorRef> candidates, long step)
    {
        if (candidates.Count == 1 || schedule.Strategy == "fifo")
        {
            return 0;
        }

        if (next >= schedule.Choices.Count)
        {
            throw new ScheduleDivergenceException(string.Create(
                CultureInfo.InvariantCulture,
                $"replay diverged at step {step}: the schedule has {schedule.Choices.Count} choices but the program offers more ({candidates.Count} candidates)"));
        }

        var choice = schedule.Choices[next];
        if (choice >= candidates.Count)
        {
            throw new ScheduleDivergenceException(string.Create(
                CultureInfo.InvariantCulture,
                $"replay diverged at step {step}: choice {next} is {choice} but only {candidates.Count} actors are enabled"));
        }

        next++;
        return choice;
    }
}
