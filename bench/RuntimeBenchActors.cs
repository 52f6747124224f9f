// The actors the runtime benchmarks drive: a ping-pong pair that reuses one message (so only the
// runtime's own cost is measured), a fan-out coordinator with its workers, and the three-actor race
// the exploration benchmark enumerates.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Bench;

internal sealed record Ball;

internal sealed class PongActor : ReceiveActor
{
    public PongActor() => Receive<Ball>(b => Sender.Tell(b, Self));
}

internal sealed class PingActor : ReceiveActor
{
    private long left;

    public PingActor(IActorRef pong, long rounds, TaskCompletionSource? done = null)
    {
        left = rounds;
        Receive<Ball>(b =>
        {
            if (--left > 0)
            {
                pong.Tell(b, Self);
            }
            else
            {
                done?.TrySetResult();
            }
        });
    }
}

internal sealed record Job;

internal sealed record Done;

internal sealed class FanOutActor : ReceiveActor
{
    private readonly List<IActorRef> workers = [];
    private readonly Job job = new();
    private int rounds;
    private int waiting;

    public FanOutActor(int width, int rounds)
    {
        this.rounds = rounds;
        for (var i = 0; i < width; i++)
        {
            workers.Add(Context.ActorOf(Props.Create(() => new WorkerActor()), "w" + i));
        }

        Receive<Job>(_ => Scatter());
        Receive<Done>(_ =>
        {
            if (--waiting == 0 && --this.rounds > 0)
            {
                Scatter();
            }
        });
    }

    private void Scatter()
    {
        waiting = workers.Count;
        foreach (var w in workers)
        {
            w.Tell(job, Self);
        }
    }
}

internal sealed class WorkerActor : ReceiveActor
{
    private static readonly Done DoneMessage = new();

    public WorkerActor() => Receive<Job>(_ => Sender.Tell(DoneMessage, Self));
}

internal sealed record Work(int Left);

/// <summary>Three actors of ten self-sent steps each: a 30-step race with about 5.5e12 schedules.</summary>
internal sealed class RaceActor : ReceiveActor
{
    public RaceActor(int[] state) =>
        Receive<Work>(w =>
        {
            state[0] = (state[0] * 3) + w.Left;
            if (w.Left > 1)
            {
                Self.Tell(new Work(w.Left - 1));
            }
        });

    public static Func<RunResult, RunVerdict> Setup(Simulation sys)
    {
        var state = new int[1];
        sys.ActorOf(Props.Create(() => new RaceActor(state)), "a").Tell(new Work(10));
        sys.ActorOf(Props.Create(() => new RaceActor(state)), "b").Tell(new Work(10));
        sys.ActorOf(Props.Create(() => new RaceActor(state)), "c").Tell(new Work(10));
        return r => new RunVerdict(r.Outcome.ToString(), r.Outcome == RunOutcome.Quiescent);
    }
}

internal sealed record Question;

internal sealed record StartAsking;

internal sealed class AnswerActor : ReceiveActor
{
    public AnswerActor() => Receive<Question>(_ => Sender.Tell(42, Self));
}

internal sealed class AskerActor : ReceiveActor
{
    public AskerActor(IActorRef answerer, int asks)
    {
        var question = new Question();
        ReceiveAsync<StartAsking>(async _ =>
        {
            for (var i = 0; i < asks; i++)
            {
                await Context.Ask<int>(answerer, question);
            }
        });
    }
}
