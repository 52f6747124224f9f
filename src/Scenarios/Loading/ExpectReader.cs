// The scenario's final `expect:` section: what must hold once a run has ended, in every explored run.
using ModActors.Runtime;
using YamlDotNet.RepresentationModel;

namespace ModActors.Scenarios;

internal sealed class ExpectReader(YamlReader y, IReadOnlyList<string> modules)
{
    internal static readonly string[] Keys =
    [
        "outcome", "proc_modules", "modules", "refcnt", "holders", "references", "taint", "dmesg_contains",
        "dmesg_not_contains", "dmesg_order", "dmesg_count", "stats", "sysfs",
    ];

    public FinalExpectations Read(YamlNode node)
    {
        var e = new FinalExpectations();
        if (y.Mapping(node, "expect") is not { } map)
            return e;
        foreach (var (key, _, v) in y.Entries(map, "expect", Keys))
        {
            var mark = y.Mark(v);
            switch (key)
            {
                case "outcome":
                    e = e with { Outcome = Outcome(v) };
                    break;
                case "proc_modules":
                    e = e with { ProcModules = (mark, Lines(v)) };
                    break;
                case "modules":
                    e = ReadModules(e, v, mark);
                    break;
                case "refcnt":
                    e = e with { Refcnt = [.. PerModule(v, "refcnt").Select(p => (p.Mark, p.Module, (int)(y.Int(p.Value, "refcnt", -1, int.MaxValue) ?? 0)))] };
                    break;
                case "holders":
                    e = e with { Holders = [.. PerModule(v, "holders").Select(p => (p.Mark, p.Module, Sorted(p.Value, true)))] };
                    break;
                case "references":
                    e = e with { References = [.. Named(v, "references").Select(p => (p.Mark, p.Key, Sorted(p.Value, true)))] };
                    break;
                case "taint":
                    e = e with { Taints = Taints(v) };
                    break;
                case "dmesg_contains":
                    e = e with { DmesgContains = Texts(v, key) };
                    break;
                case "dmesg_not_contains":
                    e = e with { DmesgNotContains = Texts(v, key) };
                    break;
                case "dmesg_order":
                    e = e with { DmesgOrder = (mark, [.. Texts(v, key).Select(t => t.Item2)]) };
                    break;
                case "dmesg_count":
                    e = e with { DmesgCount = [.. Named(v, "dmesg_count").Select(p => (p.Mark, p.Key, (int)(y.Int(p.Value, "a count", 0, int.MaxValue) ?? 0)))] };
                    break;
                case "stats":
                    e = e with { Stats = Stats(v) };
                    break;
                default:
                    e = e with { Sysfs = Sysfs(v) };
                    break;
            }
        }
        return e;
    }

    private RunOutcome Outcome(YamlNode v) => y.Scalar(v, "outcome") switch
    {
        "quiescent" => RunOutcome.Quiescent,
        "deadlock" => RunOutcome.Deadlock,
        null => RunOutcome.Quiescent,
        var s => Bad(v, s),
    };

    private RunOutcome Bad(YamlNode v, string s)
    {
        y.Error(v, $"outcome '{s}' is unknown", "quiescent or deadlock");
        return RunOutcome.Quiescent;
    }

    private List<string> Lines(YamlNode v)
    {
        if (v is YamlSequenceNode seq)
            return [.. seq.Children.Select(c => y.Scalar(c, "a /proc/modules line", "a line") ?? "")];
        if (YamlReader.IsNull(v))
            return [];
        var text = y.Scalar(v, "proc_modules", "the lines of /proc/modules") ?? "";
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private FinalExpectations ReadModules(FinalExpectations e, YamlNode v, SourceMark mark)
    {
        if (v is YamlMappingNode)
        {
            var states = new List<(SourceMark, string, string)>();
            foreach (var (m, module, sv) in PerModule(v, "modules"))
            {
                var s = y.Scalar(sv, "a module state", "live, coming, going, unformed or gone");
                if (s is null)
                    continue;
                if (s != "gone" && StateNames.Parse(s) is null)
                    y.Error(sv, $"unknown module state '{s}'", "live, coming, going, unformed or gone");
                else
                    states.Add((m, module, s));
            }
            return e with { States = states };
        }
        return e with { Modules = (mark, Sorted(v, false)) };
    }

    private List<string> Sorted(YamlNode v, bool sort)
    {
        var list = YamlReader.IsNull(v) ? [] : y.Items(v).Select(i => y.Scalar(i, "a name", "a module name") ?? "").ToList();
        if (sort)
            list.Sort(StringComparer.Ordinal);
        return list;
    }

    private IEnumerable<(SourceMark Mark, string Key, YamlNode Value)> Named(YamlNode v, string what)
    {
        if (y.Mapping(v, what) is not { } m)
            yield break;
        foreach (var (k, kn, x) in y.Entries(m, what, null))
            yield return (y.Mark(kn), k, x);
    }

    private IEnumerable<(SourceMark Mark, string Module, YamlNode Value)> PerModule(YamlNode v, string what)
    {
        foreach (var (mark, k, x) in Named(v, what))
        {
            if (modules.Contains(k))
                yield return (mark, k, x);
            else
                y.Error(mark, $"unknown module '{k}' in {what}", "one of " + string.Join(", ", modules));
        }
    }

    private List<(SourceMark, string, string)> Taints(YamlNode v)
    {
        if (v is YamlScalarNode)
            return y.Scalar(v, "taint", "taint letters such as OE") is { } s ? [(y.Mark(v), "kernel", s)] : [];
        var list = new List<(SourceMark, string, string)>();
        foreach (var (mark, k, x) in Named(v, "taint"))
        {
            if (k != "kernel" && !modules.Contains(k))
            {
                y.Error(mark, $"unknown module '{k}' in taint", "kernel or one of " + string.Join(", ", modules));
                continue;
            }
            var letters = YamlReader.IsNull(x) ? "" : y.Scalar(x, "taint letters", "letters such as OE, or empty");
            if (letters is not null)
                list.Add((mark, k, letters));
        }
        return list;
    }

    private List<(SourceMark, string)> Texts(YamlNode v, string what) =>
        [.. y.Items(v).Select(i => (y.Mark(i), y.Scalar(i, $"an entry of {what}", "a log text") ?? ""))];

    private List<(SourceMark, string, long)> Stats(YamlNode v)
    {
        var list = new List<(SourceMark, string, long)>();
        foreach (var (mark, k, x) in Named(v, "stats"))
        {
            if (!StatCounters.Names.Contains(k))
                y.Error(mark, $"unknown stats counter '{k}'", "one of " + string.Join(", ", StatCounters.Names));
            else if (y.Int(x, k) is { } n)
                list.Add((mark, k, n));
        }
        return list;
    }

    private List<(SourceMark, string, string)> Sysfs(YamlNode v)
    {
        var list = new List<(SourceMark, string, string)>();
        foreach (var (mark, k, x) in Named(v, "sysfs"))
        {
            var module = k.StartsWith("/sys/module/", StringComparison.Ordinal) ? k["/sys/module/".Length..].Split('/')[0] : null;
            if (module is null || !modules.Contains(module))
                y.Error(mark, $"'{k}' is not a file of a scenario module", "/sys/module/NAME/FILE with NAME under modules:");
            else
                list.Add((mark, k, YamlReader.IsNull(x) ? "" : y.Scalar(x, k) ?? ""));
        }
        return list;
    }
}
