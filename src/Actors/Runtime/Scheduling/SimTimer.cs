// A timer on the virtual clock: a scheduled tell, a Sleep or an Ask timeout. Timers due at the
// same instant fire in creation order.
namespace ModActors.Runtime.Scheduling;

internal sealed class SimTimer(long due, long sequence, Action fire) : ICancelable
{
    public long Due => due;

    public long Sequence => sequence;

    public bool IsCancellationRequested { get; private set; }

    public void Cancel() => IsCancellationRequested = true;

    public void Fire() => fire();
}
