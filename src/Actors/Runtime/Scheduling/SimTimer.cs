// A timer on the virtual clock: a scheduled tell, a Sleep or an Ask timeout. Timers due at the
// same instant fire in creation order. One scheduled through Akka's IScheduler is cancelled through
// the ICancelable Akka handed in.
namespace ModActors.Runtime.Scheduling;

internal sealed class SimTimer(long due, long sequence, Action fire, Akka.Actor.ICancelable? external = null)
{
    private bool cancelled;

    public long Due => due;

    public long Sequence => sequence;

    public bool IsCancellationRequested => cancelled || (external?.IsCancellationRequested ?? false);

    public void Cancel() => cancelled = true;

    public void Fire() => fire();
}
