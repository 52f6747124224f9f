// A task (a process or kernel thread) that makes system calls: it runs one program, an async body
// that calls the kernel's code paths (Main/) in this task's context. Each await in those paths — a
// lock, a wait queue, a reply from a module or from another kernel actor, a sleep — is a scheduling
// point where other tasks may run. Its exit code goes to whoever asked with AwaitExit (a waiting
// request_module): the mailbox is suspended while the program runs, so the question is answered when
// the program has exited.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>Run Program in this task.</summary>
internal sealed record RunProgram(Func<KTask, Task<int>> Program)
{
    public override string ToString() => "RunProgram";
}

/// <summary>Answered with <see cref="ProgramExited"/> once the task's program has exited.</summary>
internal sealed record AwaitExit;

/// <summary>The program's exit code.</summary>
internal sealed record ProgramExited(int Code);

/// <summary>The actor behind one task.</summary>
internal sealed class TaskActor : ReceiveActor
{
    public TaskActor(KernelState kernel, string name, int pid)
    {
        var exitCode = 0;
        var died = false;
        ReceiveAsync<RunProgram>(async m =>
        {
            var task = new KTask(kernel, Context, name, pid);
            kernel.Running[name] = task;
            try
            {
                exitCode = await m.Program(task);
            }
            catch (Main.TaskDiedException)
            {
                died = true;
            }
            task.Finished = true;
            Context.Annotate(died ? $"{name} died in an oops" : $"{name} exited {exitCode}");
        });
        Receive<AwaitExit>(_ =>
        {
            if (!died)
                Sender.Tell(new ProgramExited(exitCode), Self);
        });
    }
}
