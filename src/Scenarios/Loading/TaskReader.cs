// The `tasks:` section: each task is a list of steps run in order. A step is one key (the call or
// action) with its argument; `expect:` after a call states what that call must return. Waits are
// checked here: the task waited on must exist, not be the waiting task itself, and have a call that
// passes through the named kernel point.
using ModActors.Elf;
using ModActors.Kernel;
using YamlDotNet.RepresentationModel;

namespace ModActors.Scenarios;

internal sealed class TaskReader(YamlReader y, IReadOnlyList<string> modules, IReadOnlyList<string> files)
{
    private static readonly string[] StepNames =
    [
        "finit_module", "init_module", "delete_module", "try_module_get", "module_put", "request_module", "modprobe",
        "read", "write", "kill", "sleep", "wait", "expect",
    ];

    private readonly List<(WaitPointStep Wait, string Waiter, YamlNode Node)> waits = [];

    /// <summary>The previous step was a call with errors: its expect is not reported as following no call.</summary>
    private bool brokenCall;

    public List<TaskSpec> Read(YamlNode node)
    {
        var tasks = new List<TaskSpec>();
        if (y.Mapping(node, "tasks") is not { } map)
            return tasks;
        var entries = y.Entries(map, "tasks", null).Select(e => (e.Key, e.KeyNode, Value: e.Value, Count: Count(e.Value))).ToList();
        var names = entries.SelectMany(e => Expand(e.Key, e.Count)).ToList();
        foreach (var (name, keyNode, value, count) in entries)
        {
            if (name.StartsWith("modprobe-", StringComparison.Ordinal) || name.Length == 0)
            {
                y.Error(keyNode, $"task name '{name}' is reserved", "a name not starting with modprobe-");
                continue;
            }
            var body = count > 0 && value is YamlMappingNode m ? m.Children[new YamlScalarNode("steps")] : value;
            var steps = new List<Step>();
            foreach (var item in y.Items(body))
                ReadStep(item, name, names, steps);
            foreach (var taskName in Expand(name, count))
                tasks.Add(new TaskSpec(taskName, steps, y.Mark(keyNode)));
        }
        foreach (var (wait, waiter, n) in waits)
        {
            var target = tasks.Find(t => t.Name == wait.Task);
            if (target is null)
                continue;
            var reachable = target.Steps.OfType<CallStep>().SelectMany(c => KernelPointNames.ReachedBy(c.Op)).Distinct().ToList();
            if (!reachable.Contains(wait.Point))
                y.Error(n, $"task {waiter} waits for task {wait.Task} to reach {wait.Point}, but none of {wait.Task}'s calls passes there",
                    reachable.Count == 0 ? $"a task with calls ({wait.Task} makes none)" : "one of " + string.Join(", ", reachable));
        }
        return tasks;
    }

    /// <summary>`NAME: { count: N, steps: [...] }` runs N identical tasks NAME-1 .. NAME-N; 0 for a plain task.</summary>
    private int Count(YamlNode value)
    {
        if (value is not YamlMappingNode m)
            return 0;
        var fields = y.Entries(m, "a repeated task", ["count", "steps"]).ToDictionary(e => e.Key, e => e.Value);
        if (!fields.ContainsKey("steps") || !fields.TryGetValue("count", out var c))
        {
            y.Error(value, "a task written as a mapping needs count and steps", "a list of steps, or { count: N, steps: [...] }");
            return 0;
        }
        var n = y.Int(c, "count", 1);
        if (n > 1000)
            y.Error(c, $"count {n} is too large", "at most 1000");
        return n is { } v and <= 1000 ? (int)v : 0;
    }

    private static IEnumerable<string> Expand(string name, int count) =>
        count == 0 ? [name] : Enumerable.Range(1, count).Select(i => $"{name}-{i}");

    private void ReadStep(YamlNode item, string task, IReadOnlyList<string> tasks, List<Step> steps)
    {
        if (item is not YamlMappingNode m || m.Children.Count != 1)
        {
            y.Error(item, $"a step of task {task} is {(item is YamlMappingNode mm ? $"a mapping with {mm.Children.Count} keys" : YamlReader.Kind(item))}",
                "one step per item: " + string.Join(", ", StepNames));
            return;
        }
        foreach (var (op, keyNode, v) in y.Entries(m, $"task {task}", StepNames))
        {
            var mark = y.Mark(keyNode);
            var wasBroken = brokenCall;
            brokenCall = false;
            switch (op)
            {
                case "expect":
                    var last = steps.Count > 0 ? steps[^1] as CallStep : null;
                    if (wasBroken)
                        break;
                    if (last is null)
                    {
                        y.Error(keyNode, $"expect in task {task} follows no call", "expect right after a call step");
                        break;
                    }
                    if (last.Expect is not null)
                        y.Error(keyNode, $"a second expectation for the same call in task {task}", "one expect per call");
                    else if (ReadExpectation(v, last.Op) is { } e)
                        steps[^1] = last with { Expect = e };
                    break;
                case "sleep":
                    if (y.Duration(v, "sleep") is { } ms)
                        steps.Add(new SleepStep(mark, ms));
                    break;
                case "wait":
                    if (ReadWait(v, mark, task, tasks) is { } w)
                        steps.Add(w);
                    break;
                case "kill":
                    if (ReadKill(v, mark, task, tasks) is { } k)
                        steps.Add(k);
                    else
                        brokenCall = true;
                    break;
                default:
                    if (ReadCall(Enum.Parse<CallOp>(op), v, mark, task) is { } call)
                        steps.Add(call);
                    else
                        brokenCall = true;
                    break;
            }
        }
    }

    /// <summary>`kill: TASK`: a signal with no handler (SIGSTOP then SIGCONT) to another task.</summary>
    private CallStep? ReadKill(YamlNode v, SourceMark mark, string task, IReadOnlyList<string> tasks)
    {
        if (y.Scalar(v, "kill", "a task name") is not { } target)
            return null;
        if (target == task)
        {
            y.Error(v, $"task {task} signals itself", "another task's name");
            return null;
        }
        if (!tasks.Contains(target))
        {
            y.Error(v, $"unknown task '{target}'", "one of " + string.Join(", ", tasks.Where(t => t != task)));
            return null;
        }
        return new CallStep(mark, CallOp.kill, target, "", 0, null);
    }

    private Step? ReadWait(YamlNode v, SourceMark mark, string task, IReadOnlyList<string> tasks)
    {
        if (y.Mapping(v, "wait") is not { } m)
            return null;
        var fields = y.Entries(m, "wait", ["task", "reaches", "done", "module", "state"]).ToDictionary(e => e.Key, e => e.Value);
        if (fields.TryGetValue("task", out var dt) && fields.TryGetValue("done", out var dn) && fields.Count == 2)
            return ReadWaitDone(dt, dn, mark, task, tasks);
        if (fields.TryGetValue("task", out var tn) && fields.TryGetValue("reaches", out var pn) && fields.Count == 2)
        {
            var target = y.Scalar(tn, "wait's task", "a task name");
            var point = y.Scalar(pn, "wait's point", "a kernel point name");
            if (target is null || point is null)
                return null;
            if (target == task)
            {
                y.Error(tn, $"task {task} waits for itself", "another task's name");
                return null;
            }
            if (!tasks.Contains(target))
            {
                y.Error(tn, $"unknown task '{target}'", "one of " + string.Join(", ", tasks));
                return null;
            }
            if (!KernelPointNames.All.Contains(point))
            {
                y.Error(pn, $"unknown kernel point '{point}'", "one of " + string.Join(", ", KernelPointNames.All));
                return null;
            }
            var w = new WaitPointStep(mark, target, point);
            waits.Add((w, task, pn));
            return w;
        }
        if (fields.TryGetValue("module", out var mn) && fields.TryGetValue("state", out var sn) && fields.Count == 2)
        {
            var module = Module(mn, "wait's module");
            var state = y.Scalar(sn, "wait's state", "live, coming, going or unformed");
            if (module is null || state is null)
                return null;
            if (StateNames.Parse(state) is not { } st)
            {
                y.Error(sn, $"unknown module state '{state}'", "live, coming, going or unformed");
                return null;
            }
            return new WaitStateStep(mark, module, st);
        }
        y.Error(v, "wait needs task and reaches, task and done, or module and state",
            "{ task: NAME, reaches: POINT }, { task: NAME, done: true } or { module: NAME, state: live }");
        return null;
    }

    /// <summary>`wait: { task: a, done: true }`: until task a's program has finished.</summary>
    private WaitDoneStep? ReadWaitDone(YamlNode tn, YamlNode dn, SourceMark mark, string task, IReadOnlyList<string> tasks)
    {
        var target = y.Scalar(tn, "wait's task", "a task name");
        var done = y.Bool(dn, "done");
        if (target is null || done is null)
            return null;
        if (done != true)
        {
            y.Error(dn, "wait's done is false", "done: true");
            return null;
        }
        if (target == task)
        {
            y.Error(tn, $"task {task} waits for itself to finish", "another task's name");
            return null;
        }
        if (!tasks.Contains(target))
        {
            y.Error(tn, $"unknown task '{target}'", "one of " + string.Join(", ", tasks));
            return null;
        }
        return new WaitDoneStep(mark, target);
    }

    private string? Module(YamlNode n, string what)
    {
        var name = y.Scalar(n, what, "a module name");
        if (name is null)
            return null;
        if (modules.Contains(name))
            return name;
        y.Error(n, $"unknown module '{name}'", modules.Count == 0 ? "a module defined under modules:" : "one of " + string.Join(", ", modules));
        return null;
    }

    private string? FilePath(YamlNode n, string what)
    {
        var path = y.Scalar(n, what, "a path");
        if (path is null)
            return null;
        if (files.Contains(path))
            return path;
        y.Error(n, $"unknown file '{path}'", "one of " + string.Join(", ", files));
        return null;
    }

    private CallStep? ReadCall(CallOp op, YamlNode v, SourceMark mark, string task)
    {
        var allowed = op switch
        {
            CallOp.finit_module => new[] { "file", "args", "flags", "expect" },
            CallOp.init_module => ["file", "args", "expect"],
            CallOp.delete_module => ["name", "flags", "undeclared", "expect"],
            CallOp.try_module_get or CallOp.module_put => ["module", "holder", "expect"],
            CallOp.read => ["path", "expect"],
            CallOp.write => ["path", "text", "expect"],
            _ => ["name", "expect"],
        };
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (v is YamlMappingNode m)
        {
            foreach (var (k, _, x) in y.Entries(m, op.ToString(), allowed))
                fields[k] = x;
        }
        else
        {
            fields[allowed[0]] = v;
        }
        if (!fields.TryGetValue(allowed[0], out var main))
        {
            y.Error(v, $"{op} has no {allowed[0]}", $"{allowed[0]}: ...");
            return null;
        }
        if (op == CallOp.write && !fields.ContainsKey("text"))
        {
            y.Error(v, "write has no text", "write: { path: /sys/module/NAME/parameters/PARAM, text: VALUE }");
            return null;
        }
        var undeclared = fields.TryGetValue("undeclared", out var un) && (y.Bool(un, "undeclared") ?? false);
        string? target = op switch
        {
            CallOp.finit_module or CallOp.init_module => FilePath(main, "file"),
            CallOp.read => ReadPath(main),
            CallOp.write => WritePath(main),
            CallOp.delete_module when undeclared => YamlReader.IsNull(main) ? "" : y.Scalar(main, "name", "a module name"),
            CallOp.delete_module or CallOp.try_module_get or CallOp.module_put => Module(main, "module"),
            _ => y.Scalar(main, "name", "a module name or alias"),
        };
        if (target is null)
            return null;
        var args = op == CallOp.write ? y.Scalar(fields["text"], "write's text", "the text to write") ?? ""
            : fields.TryGetValue("args", out var a) ? (YamlReader.IsNull(a) ? "" : y.Scalar(a, "args", "module parameters such as delay_ms=1000") ?? "") : "";
        var flags = fields.TryGetValue("flags", out var f) ? Flags(op, f) : 0;
        var holder = op is CallOp.try_module_get or CallOp.module_put
            ? (fields.TryGetValue("holder", out var h) ? y.Scalar(h, "holder", "a holder name") ?? task : task)
            : null;
        var call = new CallStep(mark, op, target, args, flags, holder);
        if (fields.TryGetValue("expect", out var e) && ReadExpectation(e, op) is { } ex)
            call = call with { Expect = ex };
        return call;
    }

    private string? ReadPath(YamlNode n)
    {
        var path = y.Scalar(n, "read's path", "/proc/modules, /proc/kallsyms, /proc/sys/kernel/tainted or /sys/module/NAME/FILE");
        if (path is null)
            return null;
        if (path is "/proc/modules" or "/proc/kallsyms" or "/proc/sys/kernel/tainted")
            return path;
        if (path.StartsWith("/sys/module/", StringComparison.Ordinal))
        {
            var module = path["/sys/module/".Length..].Split('/')[0];
            if (modules.Contains(module))
                return path;
            y.Error(n, $"unknown module '{module}' in {path}", "one of " + string.Join(", ", modules));
            return null;
        }
        y.Error(n, $"cannot read '{path}'", "/proc/modules, /proc/kallsyms, /proc/sys/kernel/tainted or /sys/module/NAME/FILE");
        return null;
    }

    private string? WritePath(YamlNode n)
    {
        const string expected = "/sys/module/NAME/parameters/PARAM";
        var path = y.Scalar(n, "write's path", expected);
        if (path is null)
            return null;
        var parts = path.StartsWith("/sys/module/", StringComparison.Ordinal) ? path["/sys/module/".Length..].Split('/') : [];
        if (parts.Length == 0 || parts[0].Length == 0)
        {
            y.Error(n, $"cannot write '{path}'", expected);
            return null;
        }
        if (modules.Contains(parts[0]))
            return path;
        y.Error(n, $"unknown module '{parts[0]}' in {path}", modules.Count == 0 ? "a module defined under modules:" : "one of " + string.Join(", ", modules));
        return null;
    }

    private int Flags(CallOp op, YamlNode f)
    {
        var (names, expected) = op switch
        {
            CallOp.finit_module => (new Dictionary<string, int>
            {
                ["ignore_modversions"] = (int)ModuleInitFlags.IgnoreModversions,
                ["ignore_vermagic"] = (int)ModuleInitFlags.IgnoreVermagic,
                ["compressed"] = (int)ModuleInitFlags.CompressedFile,
            }, "ignore_modversions, ignore_vermagic, compressed or a number"),
            CallOp.delete_module => (new Dictionary<string, int>
            {
                ["O_NONBLOCK"] = 0x800, ["nonblock"] = 0x800, ["O_TRUNC"] = 0x200, ["trunc"] = 0x200,
            }, "O_NONBLOCK, O_TRUNC or a number"),
            _ => (new Dictionary<string, int>(), "no flags"),
        };
        var flags = 0;
        foreach (var item in y.Items(f))
        {
            var s = y.Scalar(item, "a flag", expected);
            if (s is null)
                continue;
            if (names.TryGetValue(s, out var bit))
                flags |= bit;
            else if (names.Count > 0 && int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n))
                flags |= n;
            else
                y.Error(item, $"unknown flag '{s}' for {op}", expected);
        }
        return flags;
    }

    /// <summary>0, -ERRNO, fails, a list (one of), or a mapping: one_of, fails, text, contains.</summary>
    private CallExpectation? ReadExpectation(YamlNode v, CallOp op)
    {
        var mark = y.Mark(v);
        if (op == CallOp.read && (v is YamlScalarNode { Value: "fails" } || v is YamlScalarNode { Value: { } r0 } && r0.StartsWith("-E", StringComparison.Ordinal)))
            return v is YamlScalarNode { Value: "fails" } ? new AnyFailure(mark) : y.Result(v, "a read's expect") is { } rr ? new ExactResult(mark, rr) : null;
        if (op == CallOp.read)
        {
            if (v is YamlMappingNode rm)
            {
                CallExpectation? r = null;
                foreach (var (k, _, x) in y.Entries(rm, "a read's expect", ["text", "contains"]))
                {
                    if (y.Scalar(x, k, "the text") is { } t)
                        r = new ReadText(mark, t, k == "contains");
                }
                return r;
            }
            return y.Scalar(v, "a read's expect", "the text read, or { contains: TEXT }") is { } text ? new ReadText(mark, text, false) : null;
        }
        switch (v)
        {
            case YamlScalarNode { Value: "fails" }:
                return new AnyFailure(mark);
            case YamlScalarNode { Value: "never_returns" }:
                return new NeverReturns(mark);
            case YamlSequenceNode seq:
                return OneOf(mark, seq);
            case YamlMappingNode m:
                CallExpectation? result = null;
                foreach (var (k, _, x) in y.Entries(m, "expect", ["one_of", "fails"]))
                {
                    if (k == "one_of" && y.Sequence(x, "one_of") is { } s)
                        result = OneOf(mark, s);
                    else if (k == "fails" && y.Bool(x, "fails") is { } b)
                        result = b ? new AnyFailure(mark) : new ExactResult(mark, 0);
                }
                return result;
            default:
                return y.Result(v, "expect") is { } rc ? new ExactResult(mark, rc) : null;
        }
    }

    private OneOfResults? OneOf(SourceMark mark, YamlSequenceNode seq)
    {
        var list = new List<int>();
        foreach (var item in seq.Children)
        {
            if (y.Result(item, "an entry of one_of") is { } rc)
                list.Add(rc);
        }
        return list.Count > 0 ? new OneOfResults(mark, list) : null;
    }
}
