// depmod_output of kmod's tools/depmod.c, the text files: output_deps (modules.dep), output_aliases
// (modules.alias), output_softdeps (modules.softdep), output_symbols (modules.symbols) and output_devname
// (modules.devname), each written to NAME.tmp and renamed over NAME as kmod does. The binary indexes
// (*.bin, for modprobe's lookups) are not written. Files are bytes: names go out as Latin-1, one byte
// per char, exactly as read.
using System.Runtime.CompilerServices;
using System.Text;

namespace ModActors.Elf.Depmod;

internal static class DepmodOutput
{
    private const uint SymbolsBuckets = 2048;

    /// The files are independent and only read the run, so they are written in parallel; the messages
    /// kmod prints between them (output_builtin_bin's) come after, in kmod's order.
    public static void depmod_output(DepmodRun run)
    {
        Parallel.Invoke(
            () => Write(run, "modules.dep", output_deps),
            () => Write(run, "modules.alias", output_aliases),
            () => Write(run, "modules.softdep", output_softdeps),
            () => Write(run, "modules.symbols", output_symbols),
            () => Write(run, "modules.devname", output_devname));
        foreach (var name in (string[])["modules.builtin", "modules.builtin.modinfo"])
        {
            if (!File.Exists(Path.Combine(run.Dirname, name)))
                run.Warn($"could not open {name} at {run.Dirname}: {DepmodErrno.strerror(DepmodErrno.ENOENT)}");
        }
    }

    private static void Write(DepmodRun run, string name, Action<DepmodRun, TextWriter> cb)
    {
        var path = Path.Combine(run.Dirname, name);
        var tmp = path + ".tmp";
        using (var writer = new StreamWriter(tmp, false, Encoding.Latin1, 1 << 16) { NewLine = "\n" })
            cb(run, writer);
        File.Move(tmp, path, overwrite: true);
    }

    /// output_deps: "relpath: dep dep ...", every transitive dependency once, in topological order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void output_deps(DepmodRun run, TextWriter out_)
    {
        var sb = new StringBuilder();
        foreach (var mod in run.Modules)
        {
            if (mod.DepLoop)
                continue;
            sb.Clear().Append(mod.RelPath).Append(':');
            if (mod.Deps.Count > 0)
            {
                foreach (var d in mod_get_all_sorted_dependencies(mod))
                {
                    if (!d.DepLoop)
                        sb.Append(' ').Append(d.RelPath);
                }
            }
            out_.WriteLine(sb);
        }
    }

    /// mod_get_all_sorted_dependencies: mod_fill_all_unique_dependencies (depth-first, each module
    /// once) sorted by dep_cmp.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<DepmodModule> mod_get_all_sorted_dependencies(DepmodModule mod)
    {
        var deps = new List<DepmodModule>();
        var seen = new HashSet<DepmodModule>();
        Fill(mod, deps, seen);
        deps.Sort(DepmodRun.DepCmp);
        return deps;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(DepmodModule mod, List<DepmodModule> deps, HashSet<DepmodModule> seen)
    {
        foreach (var d in mod.Deps)
        {
            if (!seen.Add(d))
                continue;
            deps.Add(d);
            Fill(d, deps, seen);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void output_aliases(DepmodRun run, TextWriter out_)
    {
        out_.Write("# Aliases extracted from modules themselves.\n");
        foreach (var mod in run.Modules)
        {
            foreach (var (key, value) in mod.File!.Info)
            {
                if (key == "alias")
                    out_.Write($"alias {value ?? "(null)"} {mod.ModName}\n");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void output_softdeps(DepmodRun run, TextWriter out_)
    {
        out_.Write("# Soft dependencies extracted from modules themselves.\n");
        foreach (var mod in run.Modules)
        {
            foreach (var (key, value) in mod.File!.Info)
            {
                if (key == "softdep")
                    out_.Write($"softdep {mod.ModName} {value ?? "(null)"}\n");
            }
        }
    }

    /// output_symbols: every symbol a module exports, in depmod->symbols' hash iteration order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void output_symbols(DepmodRun run, TextWriter out_)
    {
        out_.Write("# Aliases for symbols, used by symbol_request().\n");
        var names = run.Symbols.Where(kv => kv.Value.Owner is not null).Select(kv => kv.Key).ToList();
        KmodHash.SortIterationOrder(names, n => n, SymbolsBuckets);
        foreach (var name in names)
            out_.Write($"alias symbol:{name} {run.Symbols[name].Owner!.ModName}\n");
    }

    /// output_devname: "modname devname c|bMAJOR:MINOR" for a module with both a devname: alias and a
    /// char-major-M-m / block-major-M-m alias; the header only before the first line.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void output_devname(DepmodRun run, TextWriter out_)
    {
        var empty = true;
        foreach (var mod in run.Modules)
        {
            string? devname = null;
            var type = '\0';
            uint major = 0, minor = 0;
            foreach (var (key, value) in mod.File!.Info)
            {
                if (key != "alias" || value is null)
                    continue;
                if (value.StartsWith("devname:", StringComparison.Ordinal))
                    devname = value["devname:".Length..];
                else if (ScanMajorMinor(value, "char-major-", out var maj, out var min))
                    (type, major, minor) = ('c', maj, min);
                else if (ScanMajorMinor(value, "block-major-", out maj, out min))
                    (type, major, minor) = ('b', maj, min);
                if (type != '\0' && devname is not null)
                {
                    if (empty)
                        out_.Write("# Device nodes to trigger on-demand module loading.\n");
                    empty = false;
                    out_.Write($"{mod.ModName} {devname} {type}{major}:{minor}\n");
                    break;
                }
            }
        }
    }

    /// sscanf(value, "PREFIX%u-%u", maj, min) == 2.
    private static bool ScanMajorMinor(string value, string prefix, out uint major, out uint minor)
    {
        major = minor = 0;
        if (!value.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var pos = prefix.Length;
        if (!ScanUnsigned(value, ref pos, out major) || pos >= value.Length || value[pos] != '-')
            return false;
        pos++;
        return ScanUnsigned(value, ref pos, out minor);
    }

    /// %u: optional white space and sign, then decimal digits (wrapping like strtoul into 32 bits).
    private static bool ScanUnsigned(string s, ref int pos, out uint value)
    {
        value = 0;
        while (pos < s.Length && char.IsWhiteSpace(s[pos]))
            pos++;
        var negative = false;
        if (pos < s.Length && s[pos] is '+' or '-')
            negative = s[pos++] == '-';
        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            value = unchecked(value * 10 + (uint)(s[pos++] - '0'));
        if (negative)
            value = unchecked(0u - value);
        return pos > start;
    }
}
