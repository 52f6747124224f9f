// The message handlers a ReceiveActor registers: a type test, an optional predicate and the action.
namespace ModActors.Runtime;

internal abstract class Handler
{
    public abstract bool TryHandle(object message, out Task? running);
}

internal sealed class SyncHandler<T>(Action<T> action, Predicate<T>? shouldHandle) : Handler
{
    public override bool TryHandle(object message, out Task? running)
    {
        running = null;
        if (message is T m && (shouldHandle == null || shouldHandle(m)))
        {
            action(m);
            return true;
        }

        return false;
    }
}

internal sealed class AsyncHandler<T>(Func<T, Task> action, Predicate<T>? shouldHandle) : Handler
{
    public override bool TryHandle(object message, out Task? running)
    {
        if (message is T m && (shouldHandle == null || shouldHandle(m)))
        {
            running = action(m);
            return true;
        }

        running = null;
        return false;
    }
}
