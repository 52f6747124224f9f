// One notifier_block on module_notify_list, registered by a module's init (register_module_notifier).
// Its notifier_call logs "owner: module EVENT" and may veto a COMING with notifier_from_errno(-errno),
// like the oracle's notif module. It runs when a task calls the chain, in that task's context.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>notifier_call(nb, Event, mod): answered with the NOTIFY_* value.</summary>
internal sealed record ModuleNotification(ModuleState Event, string Module, int Pid);

/// <summary>The actor behind one notifier block.</summary>
internal sealed class NotifierBlock : ReceiveActor
{
    /// <summary>NOTIFY_DONE.</summary>
    public const int NOTIFY_DONE = 0x0000;

    /// <summary>NOTIFY_STOP_MASK.</summary>
    public const int NOTIFY_STOP_MASK = 0x8000;

    public NotifierBlock(KernelState kernel, string owner, RegisterNotifierAction spec, Func<string, bool>? vetoes = null)
    {
        Receive<ModuleNotification>(m =>
        {
            kernel.Invariants.OnNotified(Self, m.Event, m.Module);
            if (spec.Log)
                kernel.Log.pr_info($"{owner}: {m.Module} {Names.State(m.Event)} pid={m.Pid}");
            if (m.Event == ModuleState.Coming && (spec.Veto is { } veto && veto.Contains(m.Module) || vetoes?.Invoke(m.Module) == true))
            {
                if (spec.Log)
                    kernel.Log.pr_info($"{owner}: {m.Module} VETO -{Errno.Name(spec.VetoErrno)}");
                kernel.Invariants.OnVeto(Self, m.Module);
                Sender.Tell(notifier_from_errno(-spec.VetoErrno), Self);
                return;
            }
            Sender.Tell(NOTIFY_DONE, Self);
        });
    }

    /// <summary>notifier_from_errno(): NOTIFY_STOP_MASK | (NOTIFY_OK - err).</summary>
    public static int notifier_from_errno(int err) => err != 0 ? NOTIFY_STOP_MASK | (0x0001 - err) : 0x0001;

    /// <summary>notifier_to_errno(): the errno a NOTIFY_* value carries.</summary>
    public static int notifier_to_errno(int ret)
    {
        ret &= ~NOTIFY_STOP_MASK;
        return ret > 0x0001 ? 0x0001 - ret : 0;
    }
}
