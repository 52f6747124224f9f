// The end-of-run expectations, checked against the kernel as a user would read it afterwards.
using ModActors.Kernel;

namespace ModActors.Scenarios;

internal static class FinalChecks
{
    public static void Check(FinalExpectations e, SimKernel kernel, List<string> failures)
    {
        var listed = kernel.Modules();
        var procLines = Procfs.proc_modules(listed, kernel.Config).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (e.ProcModules is { } pm)
        {
            var ok = pm.Lines.Count == procLines.Length
                && pm.Lines.Zip(procLines).All(p => p.Second.StartsWith(p.First.Trim(), StringComparison.Ordinal));
            if (!ok)
                failures.Add($"{pm.Mark}: /proc/modules is {Lines(procLines)}, expected lines beginning {Lines(pm.Lines)}");
        }
        if (e.Modules is { } mods)
        {
            var names = listed.Select(m => m.Name).ToList();
            if (!names.SequenceEqual(mods.Names))
                failures.Add($"{mods.Mark}: modules are [{string.Join(", ", names)}], expected [{string.Join(", ", mods.Names)}]");
        }
        foreach (var (mark, module, state) in e.States)
        {
            var m = kernel.Module(module);
            var actual = m is null ? "gone" : StateNames.Of(m.State);
            if (actual != state)
                failures.Add($"{mark}: module {module} is {actual}, expected {state}");
        }
        foreach (var (mark, module, refcnt) in e.Refcnt)
        {
            var m = kernel.Module(module);
            if (m is null)
                failures.Add($"{mark}: module {module} is gone, expected refcnt {refcnt}");
            else if (m.Refcnt != refcnt)
                failures.Add($"{mark}: module {module} has refcnt {m.Refcnt}, expected {refcnt}");
        }
        foreach (var (mark, module, users) in e.Holders)
        {
            var m = kernel.Module(module);
            var actual = m is null ? [] : m.Users.Order(StringComparer.Ordinal).ToList();
            if (!actual.SequenceEqual(users))
                failures.Add($"{mark}: module {module} is held by [{string.Join(", ", actual)}], expected [{string.Join(", ", users)}]");
        }
        foreach (var (mark, holder, modules) in e.References)
        {
            var actual = kernel.Holders.TryGetValue(holder, out var held) ? held.Order(StringComparer.Ordinal).ToList() : [];
            if (!actual.SequenceEqual(modules))
                failures.Add($"{mark}: {holder} holds references on [{string.Join(", ", actual)}], expected [{string.Join(", ", modules)}]");
        }
        foreach (var (mark, of, letters) in e.Taints)
        {
            string? actual = of == "kernel"
                ? RunJudge.KernelTaintLetters(kernel.Taint.tainted_mask)
                : kernel.Module(of) is { } m ? Taint.module_flags_taint(m.Taints) : null;
            if (actual is null)
                failures.Add($"{mark}: module {of} is gone, expected taint '{letters}'");
            else if (actual != letters)
                failures.Add($"{mark}: {(of == "kernel" ? "the kernel" : "module " + of)} is tainted '{actual}', expected '{letters}'");
        }
        var log = kernel.Log.Texts();
        foreach (var (mark, text) in e.DmesgContains)
        {
            if (!log.Any(l => l.Contains(text, StringComparison.Ordinal)))
                failures.Add($"{mark}: the kernel log has no line containing {Quote.Of(text)}");
        }
        foreach (var (mark, text) in e.DmesgNotContains)
        {
            if (log.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                failures.Add($"{mark}: the kernel log has {Quote.Of(line)}, expected no line containing {Quote.Of(text)}");
        }
        foreach (var (mark, text, count) in e.DmesgCount)
        {
            var n = log.Count(l => l.Contains(text, StringComparison.Ordinal));
            if (n != count)
                failures.Add($"{mark}: the kernel log has {n} lines containing {Quote.Of(text)}, expected {count}");
        }
        if (e.DmesgOrder is { } order)
            CheckOrder(order.Mark, order.Texts, log, failures);
        foreach (var (mark, counter, value) in e.Stats)
        {
            var actual = StatCounters.Read(kernel.Stats, counter);
            if (actual != value)
                failures.Add($"{mark}: stats {counter} is {actual}, expected {value}");
        }
        foreach (var (mark, path, text) in e.Sysfs)
        {
            var actual = kernel.ReadSysfs(path);
            if (actual.TrimEnd('\n') != text.TrimEnd('\n'))
                failures.Add($"{mark}: {path} reads {Quote.Of(actual)}, expected {Quote.Of(text)}");
        }
    }

    private static void CheckOrder(SourceMark mark, IReadOnlyList<string> texts, IReadOnlyList<string> log, List<string> failures)
    {
        var at = 0;
        foreach (var text in texts)
        {
            var found = -1;
            for (var i = at; i < log.Count; i++)
            {
                if (log[i].Contains(text, StringComparison.Ordinal))
                {
                    found = i;
                    break;
                }
            }
            if (found < 0)
            {
                failures.Add($"{mark}: the kernel log has no line containing {Quote.Of(text)} after the previous ones of dmesg_order");
                return;
            }
            at = found + 1;
        }
    }

    private static string Lines(IEnumerable<string> lines) => "[" + string.Join(", ", lines.Select(Quote.Of)) + "]";
}
