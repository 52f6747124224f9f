// Waiting for another task's program to finish (a shell's `wait PID`): the task's actor answers AwaitExit
// once its program has returned; a task that never returns (it died in an oops) is never answered.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel;

/// <summary>Waits for tasks to exit.</summary>
public static class TaskExit
{
    /// <summary>Waits until task <paramref name="task"/> has finished its program; its exit code.</summary>
    public static async Task<int> wait_for_exit(KTask t, string task)
    {
        ArgumentNullException.ThrowIfNull(t);
        var exited = await t.Call<ProgramExited>(t.Kernel.TaskRef(task), new AwaitExit());
        return exited.Code;
    }
}
