using System.Globalization;
using Xunit;

namespace ModActors.Kernel.Tests;

/// The model against the kernel's own code: KernelDifferentialData holds what Linux 6.12.117's kernel/params.c,
/// lib/cmdline.c and lib/kstrtox.c, compiled in user space by KernelDiff/gen.py, returned, logged and stored.
public class KernelDifferentialTests
{
    private static ModuleParams HarnessTable() => new(
    [
        new ModuleParam { Name = "i", Type = "int", Perm = Modes.S444 },
        new ModuleParam { Name = "u", Type = "uint", Perm = Modes.S444 },
        new ModuleParam { Name = "b", Type = "bool", Perm = Modes.S444 },
        new ModuleParam { Name = "ib", Type = "invbool", Perm = Modes.S444 },
        new ModuleParam { Name = "bi", Type = "bint", Perm = Modes.S444 },
        new ModuleParam { Name = "c", Type = "charp", Perm = Modes.S644 },
        new ModuleParam { Name = "s", Type = "string", Perm = Modes.S644, StringMaxLen = 8 },
        new ModuleParam { Name = "by", Type = "byte", Perm = Modes.S444 },
        new ModuleParam { Name = "sh", Type = "short", Perm = Modes.S444 },
        new ModuleParam { Name = "us", Type = "ushort", Perm = Modes.S444 },
        new ModuleParam { Name = "l", Type = "long", Perm = Modes.S444 },
        new ModuleParam { Name = "ul", Type = "ulong", Perm = Modes.S444 },
        new ModuleParam { Name = "ull", Type = "ullong", Perm = Modes.S444 },
        new ModuleParam { Name = "delay_ms", Type = "int", Perm = Modes.S444 },
        new ModuleParam { Name = "arr", Type = "array of int", Perm = Modes.S444, ArrayMax = 4 },
        new ModuleParam { Name = "carr", Type = "array of charp", Perm = Modes.S444, ArrayMax = 3, ArrayHasNum = false },
        new ModuleParam { Name = "barr", Type = "array of bool", Perm = Modes.S444, ArrayMax = 2 },
    ]);

    [Fact]
    public void load_module_parse_args_matches_the_kernel_on_every_recorded_input()
    {
        var mismatches = new List<string>();
        foreach (var c in KernelDifferentialData.ParseArgs)
        {
            var log = new KernelLog();
            ModuleParams kp = HarnessTable();
            ModuleArgsResult result = Params.load_module_parse_args("m", c.Args, kp, log);
            string expected = Describe(c.Error, c.Async, c.Log, c.Values);
            string actual = Describe(result.Error, result.AsyncProbeRequested, log.Texts(),
                kp.Table.Select(p => (p.Name, kp.param_get(p.Name))));
            if (expected != actual)
                mismatches.Add($"args {Show(c.Args)}:\n  kernel: {expected}\n  model:  {actual}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(KernelDifferentialData.ParseArgs.Length > 250);
    }

    [Fact]
    public void kstrto_functions_match_the_kernel_on_every_recorded_input()
    {
        var mismatches = new List<string>();
        foreach ((string input, string results) in KernelDifferentialData.Kstrto)
        {
            string actual = Kstrto(input);
            if (actual != results)
                mismatches.Add($"{Show(input)}:\n  kernel: {results}\n  model:  {actual}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(KernelDifferentialData.Kstrto.Length > 300);
    }

    private static string Kstrto(string s)
    {
        var parts = new List<string>();
        void Add(int rv, IFormattable value) =>
            parts.Add(rv != 0 ? $"{rv} -" : "0 " + value.ToString(null, CultureInfo.InvariantCulture));
        foreach (uint b in new uint[] { 0, 16, 10, 8 })
        {
            Add(Kstrtox.kstrtoull(s, b, out ulong ull), ull);
            Add(Kstrtox.kstrtoll(s, b, out long ll), ll);
            Add(Kstrtox.kstrtoint(s, b, out int i), i);
            Add(Kstrtox.kstrtouint(s, b, out uint ui), ui);
            Add(Kstrtox.kstrtou8(s, b, out byte u8), u8);
            Add(Kstrtox.kstrtos16(s, b, out short s16), s16);
        }
        Add(Kstrtox.kstrtobool(s, out bool v), v ? 1 : 0);
        return string.Join(" ", parts);
    }

    private static string Describe(int error, bool async, IEnumerable<string> log, IEnumerable<(string, string)> values) =>
        $"err={error} async={async} log=[{string.Join(" | ", log.Select(Show))}] values=[{string.Join(" ", values.Select(v => v.Item1 + "=" + Show(v.Item2)))}]";

    private static string Show(string s) =>
        string.Concat(s.Select(ch => ch is >= ' ' and < '\u007f' ? ch.ToString() : $"\\x{(int)ch:x2}"));
}
