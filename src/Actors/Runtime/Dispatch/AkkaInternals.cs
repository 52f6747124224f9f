// Every use of an Akka.NET internal in the project, in one place (Akka 1.5.74, pinned in
// Directory.Packages.props). The deterministic layer needs four things Akka does not make public:
// - which system messages are await continuations (ActorTaskSchedulerMessage, internal): they are the
//   resumption steps the strategy chooses, where every other system message is lifecycle work;
// - whether a mailbox still holds system messages (Mailbox.HasSystemMessages, internal);
// - the actor instance behind a cell (ActorCell.Actor, internal), for deadlock reports (IWaitGraphNode);
// - the thread's current actor cell (InternalCurrentActorCellKeeper, public but documented as internal),
//   which ActorTaskScheduler reads to decide whether a continuation runs inline or is posted.
// tests/Runtime.Tests/AkkaInternalsGuardTests.cs fails when an upgrade changes any of them.
using System.Linq.Expressions;
using System.Reflection;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;

namespace ModActors.Runtime.Dispatch;

internal static class AkkaInternals
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Akka's system message that carries an await continuation of an async handler.</summary>
    public static readonly Type ActorTaskSchedulerMessage =
        typeof(ActorCell).Assembly.GetType("Akka.Dispatch.SysMsg.ActorTaskSchedulerMessage", throwOnError: true)!;

    private static readonly Func<Mailbox, bool> hasSystemMessages = Getter<Mailbox, bool>("HasSystemMessages");

    private static readonly Func<Mailbox, bool> isSuspended = Method<Mailbox, bool>("IsSuspended");

    private static readonly Func<ActorCell, ActorBase?> actorOf = Getter<ActorCell, ActorBase?>("Actor");

    /// <summary>The version these accesses were written against.</summary>
    public static Version PinnedVersion { get; } = new(1, 5, 74);

    /// <summary>The Akka assembly's version in this process.</summary>
    public static Version? LoadedVersion => typeof(ActorCell).Assembly.GetName().Version;

    public static bool IsContinuation(SystemMessage message) => message.GetType() == ActorTaskSchedulerMessage;

    public static bool HasSystemMessages(Mailbox mailbox) => hasSystemMessages(mailbox);

    public static ActorBase? ActorOf(ActorCell cell) => actorOf(cell);

    /// <summary>Whether the mailbox is suspended (an async handler of its actor is still running).</summary>
    public static bool IsSuspended(Mailbox mailbox) => isSuspended(mailbox);

    /// <summary>The cell whose mailbox runs on this thread now (null between steps).</summary>
    public static ActorCell? CurrentCell
    {
        get => InternalCurrentActorCellKeeper.Current;
        set => InternalCurrentActorCellKeeper.Current = value;
    }

    private static Func<TOwner, TValue> Method<TOwner, TValue>(string method)
    {
        var info = typeof(TOwner).GetMethod(method, Instance, Type.EmptyTypes)
            ?? throw new MissingMethodException(typeof(TOwner).FullName, method);
        var owner = Expression.Parameter(typeof(TOwner), "owner");
        return Expression.Lambda<Func<TOwner, TValue>>(Expression.Call(owner, info), owner).Compile();
    }

    private static Func<TOwner, TValue> Getter<TOwner, TValue>(string property)
    {
        var info = typeof(TOwner).GetProperty(property, Instance)
            ?? throw new MissingMemberException(typeof(TOwner).FullName, property);
        var owner = Expression.Parameter(typeof(TOwner), "owner");
        var body = Expression.Convert(Expression.Property(owner, info), typeof(TValue));
        return Expression.Lambda<Func<TOwner, TValue>>(body, owner).Compile();
    }
}
