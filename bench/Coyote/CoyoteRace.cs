// The same race as PlantedRace, written as Microsoft.Coyote actors (1.7.11), for the TestingEngine.
using System.Diagnostics.CodeAnalysis;
using Microsoft.Coyote.Actors;

namespace ModActors.Bench.Coyote;

/// <summary>Starts a worker or the sink.</summary>
public sealed class RaceInit(ActorId? sink, string name, int depth) : Event
{
    /// <summary>The sink (null for the sink itself).</summary>
    public ActorId? Sink { get; } = sink;

    /// <summary>The worker's name.</summary>
    public string Name { get; } = name;

    /// <summary>The planted bug's depth.</summary>
    public int Depth { get; } = depth;
}

/// <summary>A worker's next step.</summary>
public sealed class RaceGo : Event
{
}

/// <summary>A message arriving at the sink.</summary>
public sealed class RaceArrived(string who) : Event
{
    /// <summary>The sender's name.</summary>
    public string Who { get; } = who;
}

/// <summary>The sink: appends each arrival and asserts the planted bug's order did not happen.</summary>
[OnEventDoAction(typeof(RaceArrived), nameof(OnArrived))]
[SuppressMessage("Performance", "CA1812", Justification = "Created by the Coyote runtime.")]
public sealed class RaceSink : Actor
{
    private string log = "";
    private int depth;

    /// <inheritdoc/>
    protected override Task OnInitializeAsync(Event initialEvent)
    {
        depth = ((RaceInit)initialEvent).Depth;
        return Task.CompletedTask;
    }

    private void OnArrived(Event e)
    {
        log += ((RaceArrived)e).Who;
        Assert(!PlantedRace.Bug(depth, log), "planted bug: the sink saw " + log);
    }
}

/// <summary>A worker: one message to the sink per step, seven in all.</summary>
[OnEventDoAction(typeof(RaceGo), nameof(OnGo))]
[SuppressMessage("Performance", "CA1812", Justification = "Created by the Coyote runtime.")]
public sealed class RaceWorker : Actor
{
    private ActorId? sink;
    private string name = "";
    private int sent;

    /// <inheritdoc/>
    protected override Task OnInitializeAsync(Event initialEvent)
    {
        var init = (RaceInit)initialEvent;
        sink = init.Sink;
        name = init.Name;
        return Task.CompletedTask;
    }

    private void OnGo()
    {
        SendEvent(sink!, new RaceArrived(name));
        if (++sent < PlantedRace.MessagesEach)
        {
            SendEvent(Id, new RaceGo());
        }
    }
}
