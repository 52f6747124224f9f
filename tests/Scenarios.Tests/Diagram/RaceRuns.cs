// Small kernel races run for the diagram tests, with the summary the scenario runner would hand over.
using ModActors.Kernel;
using ModActors.Runtime;
using ModActors.Scenarios.Diagram;

namespace ModActors.Scenarios.Tests.Diagram;

internal sealed record RaceRun(Trace Trace, RunSummary Summary, RunResult Result);

internal static class RaceRuns
{
    private const string SlowKo = "/m/slow.ko";

    /// <summary>
    /// a and b finit_module the same slow.ko (1000ms init) while c init_modules it: one load wins, the other
    /// two end with EEXIST after waiting on idempotent_wait_for_completion and module_wq.
    /// </summary>
    public static RaceRun SlowLoaders(params string[] tasks)
    {
        var names = tasks.Length > 0 ? tasks : ["a", "b", "c"];
        var system = Simulation.Create("diagram");
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { Timing = TimingProfile.Instant });
        AddSlow(kernel);
        var ops = new List<(string Task, string Op, string Target)>();
        for (var i = 0; i < names.Length; i++)
        {
            if (i == 2)
            {
                kernel.Spawn(names[i], async t => await Syscalls.init_module(t, SlowKo, ""));
                ops.Add((names[i], "init_module", SlowKo));
            }
            else
            {
                kernel.Spawn(names[i], async t => await Syscalls.finit_module(t, SlowKo, "", 0));
                ops.Add((names[i], "finit_module", SlowKo));
            }
        }

        return Finish(system, "slow-loaders", ops);
    }

    /// <summary>
    /// Four tasks: two loaders of slow.ko, one that sleeps and then loads it again, and one that waits until
    /// slow is LIVE and unloads it, retrying every 100ms while delete_module says -EAGAIN (the loader still
    /// holds the reference do_init_module drops after the module went LIVE). Mutex contention, sleeps, a wait
    /// on a module state, state changes, and a second struct module named slow ("slow-2") after the unload.
    /// </summary>
    public static RaceRun LoadUnloadRace()
    {
        var system = Simulation.Create("diagram");
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { Timing = TimingProfile.Instant });
        AddSlow(kernel);
        kernel.Spawn("a", async t => await Syscalls.finit_module(t, SlowKo, "", 0));
        kernel.Spawn("b", async t => await Syscalls.finit_module(t, SlowKo, "", 0));
        kernel.Spawn("late", async t =>
        {
            await Syscalls.msleep(t, 1500);
            return await Syscalls.finit_module(t, SlowKo, "", 0);
        });
        kernel.Spawn("rm", async t =>
        {
            await Syscalls.wait_for_state(t, "slow", ModuleState.Live);
            int rc;
            while ((rc = await Syscalls.delete_module(t, "slow", 0)) == -Errno.EAGAIN)
                await Syscalls.msleep(t, 100);
            return rc;
        });
        return Finish(system, "load-unload", [("a", "finit_module", SlowKo), ("b", "finit_module", SlowKo),
            ("late", "finit_module", SlowKo), ("rm", "delete_module", "slow")]);
    }

    /// <summary>
    /// a loads slow.ko while b and c load two quick modules: each holds module_mutex across a store to its struct
    /// module (complete_formation's COMING, do_init_module's module_put), so the others queue on the mutex's slow
    /// path ("c waits for module_mutex held by b") and are handed the lock.
    /// </summary>
    public static RaceRun MutexContention()
    {
        var system = Simulation.Create("diagram");
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { Timing = TimingProfile.Instant });
        AddSlow(kernel);
        kernel.Files.Add(new SimFile { Path = "/m/qb.ko", Inode = 2, Module = new ModuleDefinition { Name = "qb" } });
        kernel.Files.Add(new SimFile { Path = "/m/qc.ko", Inode = 3, Module = new ModuleDefinition { Name = "qc" } });
        kernel.Spawn("a", async t => await Syscalls.finit_module(t, SlowKo, "", 0));
        kernel.Spawn("b", async t => await Syscalls.finit_module(t, "/m/qb.ko", "", 0));
        kernel.Spawn("c", async t => await Syscalls.finit_module(t, "/m/qc.ko", "", 0));
        return Finish(system, "mutex-contention", [("a", "finit_module", SlowKo), ("b", "finit_module", "/m/qb.ko"),
            ("c", "finit_module", "/m/qc.ko")]);
    }

    /// <summary>
    /// a loads slow.ko while "waiter" waits for a kernel point no task ever reaches: the run ends with the
    /// waiter still blocked.
    /// </summary>
    public static RaceRun NeverResumed()
    {
        var system = Simulation.Create("diagram");
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { Timing = TimingProfile.Instant });
        AddSlow(kernel);
        kernel.Spawn("a", async t => await Syscalls.finit_module(t, SlowKo, "", 0));
        kernel.Spawn("waiter", async t =>
        {
            await Syscalls.wait_for_point(t, "nobody", "do_init_module");
            return 0;
        });
        return Finish(system, "never-resumed", [("a", "finit_module", SlowKo)]);
    }

    /// <summary>One task that loads and unloads a quick module <paramref name="cycles"/> times: a long, plain trace.</summary>
    public static RaceRun LoadUnloadCycles(int cycles)
    {
        var system = Simulation.Create("diagram");
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { Timing = TimingProfile.Instant });
        kernel.Files.Add(new SimFile { Path = "/m/quick.ko", Inode = 2, Module = new ModuleDefinition { Name = "quick" } });
        kernel.Spawn("cycler", async t =>
        {
            for (var i = 0; i < cycles; i++)
            {
                var rc = await Syscalls.finit_module(t, "/m/quick.ko", "", 0);
                rc = rc == 0 ? await Syscalls.delete_module(t, "quick", 0) : rc;
                if (rc != 0)
                    return rc;
            }

            return 0;
        });
        return Finish(system, "cycles", [("cycler", "finit_module", "/m/quick.ko")]);
    }

    /// <summary>SlowLoaders with a task and a scenario name full of characters HTML and Mermaid give meaning to.</summary>
    public static RaceRun OddNames()
    {
        var run = SlowLoaders("a", "x<b>&\"#;%y", "c");
        return run with { Summary = run.Summary with { Scenario = "<script>alert(1)</script> & co" } };
    }

    /// <summary>A run with tracing off: the trace is empty.</summary>
    public static RaceRun Untraced()
    {
        var system = Simulation.Create("diagram", new SimulationOptions { RecordTrace = false });
        var kernel = SimKernel.Boot(system, KernelConfig.Debian612 with { Timing = TimingProfile.Instant });
        AddSlow(kernel);
        kernel.Spawn("a", async t => await Syscalls.finit_module(t, SlowKo, "", 0));
        return Finish(system, "untraced", [("a", "finit_module", SlowKo)]);
    }

    /// <summary>The same run with the summary saying it failed at <paramref name="step"/>.</summary>
    public static RaceRun FailingAt(RaceRun run, long step) =>
        run with { Summary = run.Summary with { Passed = false, Verdict = "b: expected 0, got -17 EEXIST", FailingStep = step } };

    /// <summary>The same run failing at the step where <paramref name="task"/> exited.</summary>
    public static RaceRun FailingAtExit(RaceRun run, string task) => FailingAt(run, ExitStep(run, task));

    /// <summary>The first step that <paramref name="match"/> accepts; fails the test naming <paramref name="what"/> if none does.</summary>
    public static TraceStep StepWhere(RaceRun run, Func<TraceStep, bool> match, string what) =>
        run.Trace.Steps.FirstOrDefault(match) ?? throw new Xunit.Sdk.XunitException($"the trace has no step where {what}");

    /// <summary>The step noted "<paramref name="task"/> exited N".</summary>
    public static long ExitStep(RaceRun run, string task) =>
        StepWhere(run, s => s.Annotations.Any(a => a.StartsWith(task + " exited ", StringComparison.Ordinal)), task + " exited").Step;

    /// <summary>
    /// The first contended mutex_lock of <paramref name="run"/>: the waiter's step noting "X waits for module_mutex
    /// held by Y", that note, and the waiter's next step (where module_mutex hands it the lock).
    /// </summary>
    public static (TraceStep Queued, string Waiter, string Note, TraceStep Granted) FirstMutexWait(RaceRun run)
    {
        var steps = run.Trace.Steps;
        var queued = StepWhere(run, s => s.Annotations.Any(n => n.StartsWith(s.To + " waits for module_mutex held by ", StringComparison.Ordinal)),
            "a task waits for module_mutex");
        var note = queued.Annotations.First(n => n.StartsWith(queued.To + " waits for module_mutex", StringComparison.Ordinal));
        return (queued, queued.To, note, steps.First(s => s.Step > queued.Step && s.To == queued.To));
    }

    /// <summary>The step that carries the note <paramref name="note"/>.</summary>
    public static TraceStep Noted(RaceRun run, string note) => StepWhere(run, s => s.Annotations.Contains(note), $"\"{note}\" is noted");

    private static void AddSlow(SimKernel kernel) =>
        kernel.Files.Add(new SimFile
        {
            Path = SlowKo,
            Inode = 1,
            Module = new ModuleDefinition { Name = "slow", Init = new ModuleBehaviour([new SleepAction(1000)]) },
        });

    /// <summary>Runs the system; each task's call ends at its "exited" step and starts at its first step.</summary>
    private static RaceRun Finish(Simulation system, string scenario, IReadOnlyList<(string Task, string Op, string Target)> ops)
    {
        var result = system.Run();
        var steps = result.Trace.Steps;
        var calls = new List<CallResult>();
        foreach (var end in steps)
        {
            foreach (var (task, op, target) in ops)
            {
                var note = end.Annotations.FirstOrDefault(a => a.StartsWith(task + " exited ", StringComparison.Ordinal));
                if (note is null)
                    continue;
                var rc = int.Parse(note[(task.Length + " exited ".Length)..], System.Globalization.CultureInfo.InvariantCulture);
                var start = steps.First(s => s.To == task).Step;
                calls.Add(new CallResult(task, op, target, rc, rc < 0 ? Errno.Name(rc) : null, start, end.Step));
            }
        }

        var summary = new RunSummary(scenario, 0, "fifo", calls, true, "pass", null);
        return new RaceRun(result.Trace, summary, result);
    }
}
