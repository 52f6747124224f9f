// do_depmod of kmod's tools/depmod.c (kmod 30), stage by stage: depmod_load_symvers, depmod_modules_search,
// depmod_modules_build_array, depmod_modules_sort (modules.order), depmod_load_symbols,
// depmod_load_dependencies and depmod_calculate_dependencies; DepmodOutput writes the files. Module files
// are read in parallel up front (kmod reads them one by one inside depmod_load_symbols); everything
// that decides output or messages then runs in kmod's order, so the result does not depend on timing.
// The loops over the tree are marked AggressiveOptimization: depmod runs once per process, so tiered JIT
// would run the whole tree in unoptimized tier-0 code (measured: twice the CPU time).
using System.Runtime.CompilerServices;

namespace ModActors.Elf.Depmod;

internal sealed class DepmodRun
{
    private const uint ModulesByNameBuckets = 512;

    private readonly DepmodOptions _options;
    private readonly TextWriter _log;
    private readonly Dictionary<string, DepmodSymbol> _symbols = new(StringComparer.Ordinal);
    private bool _printUnknown;

    private DepmodRun(DepmodOptions options, TextWriter log, string dirname)
    {
        _options = options;
        _log = log;
        Dirname = dirname;
        _printUnknown = options.ErrSyms;
    }

    /// cfg->dirname: BASEDIR/lib/modules/VERSION, BASEDIR made absolute without resolving it.
    public string Dirname { get; }

    /// depmod->modules: in modules.order order once sorted.
    public List<DepmodModule> Modules { get; } = [];

    /// depmod->symbols.
    public IReadOnlyDictionary<string, DepmodSymbol> Symbols => _symbols;

    public int DepLoops { get; private set; }

    /// Every stage before output. Null (with a message in error) when an input is unusable.
    public static DepmodRun? Load(DepmodOptions options, TextWriter log, out string? error)
    {
        error = null;
        if (!is_version_number(options.KernelVersion))
        {
            error = $"'{options.KernelVersion}' is not a kernel version (expected MAJOR.MINOR...)";
            return null;
        }
        var root = options.BaseDir.StartsWith('/') ? options.BaseDir : Directory.GetCurrentDirectory() + "/" + options.BaseDir;
        var run = new DepmodRun(options, log, root.TrimEnd('/') + "/lib/modules/" + options.KernelVersion);
        // depmod_load_symvers comes first in kmod; it reads a file of its own, so it runs while the tree is searched.
        var symvers = options.SymversPath is { } path ? Task.Run(() => DepmodSymvers.Read(path)) : null;
        if (symvers is null && run._printUnknown)
        {
            run.Warn("-e needs -E or -F");
            run._printUnknown = false;
        }
        DepmodSearch? search = null;
        var dirErrno = Directory.Exists(run.Dirname) ? 0 : File.Exists(run.Dirname) ? DepmodErrno.ENOTDIR : DepmodErrno.ENOENT;
        if (dirErrno == 0)
        {
            search = new DepmodSearch(run.Dirname);
            search.depmod_modules_search();
        }
        if (symvers is not null)
        {
            var file = symvers.GetAwaiter().GetResult();
            if (file.Errno != 0)
            {
                error = $"could not load {options.SymversPath}: {DepmodErrno.strerror(file.Errno)}";
                return null;
            }
            run.depmod_load_symvers(file);
        }
        if (search is null)
        {
            run.Error($"could not open directory {run.Dirname}: {DepmodErrno.strerror(dirErrno)}");
            error = $"could not search modules: {DepmodErrno.strerror(dirErrno)}";
            return null;
        }
        run.depmod_modules_build_array(search.Modules);
        run.depmod_modules_sort();
        run.ReadModuleFiles();
        run.depmod_load_symbols();
        run.depmod_load_dependencies();
        run.depmod_calculate_dependencies();
        return run;
    }

    /// is_version_number: sscanf("%u.%u") succeeds.
    private static bool is_version_number(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot + 1 < version.Length && version[..dot].All(char.IsAsciiDigit) && char.IsAsciiDigit(version[dot + 1]);
    }

    public void Warn(string message) => _log.WriteLine("depmod: WARNING: " + message);

    public void Error(string message) => _log.WriteLine("depmod: ERROR: " + message);

    /// depmod_load_symvers: the kernel's exports (owner null) and their messages, then the symbols the
    /// loader fakes (depmod_add_fake_syms).
    private void depmod_load_symvers(DepmodSymvers file)
    {
        foreach (var message in file.Errors)
            Error(message);
        foreach (var (name, crc) in file.Symbols)
            depmod_symbol_add(name, crc, null);
        depmod_symbol_add("__this_module", 0, null);
        depmod_symbol_add("_GLOBAL_OFFSET_TABLE_", 0, null);
    }

    /// depmod_symbol_add (hash_add: a later owner replaces an earlier one).
    private void depmod_symbol_add(string name, ulong crc, DepmodModule? owner) => _symbols[name] = new DepmodSymbol(owner, crc);

    /// depmod_symbol_find ("." prefix dropped, as on PPC64).
    private DepmodSymbol? depmod_symbol_find(string name)
    {
        if (name.StartsWith('.'))
            name = name[1..];
        return _symbols.GetValueOrDefault(name);
    }

    /// depmod_modules_build_array: the modules in modules_by_name's hash iteration order.
    private void depmod_modules_build_array(IReadOnlyCollection<DepmodModule> found)
    {
        Modules.AddRange(found);
        KmodHash.SortIterationOrder(Modules, m => m.ModName, ModulesByNameBuckets);
        Renumber();
    }

    /// depmod_modules_sort: modules listed in modules.order first, in its order (sort_idx = line - total),
    /// the rest after them in array order (a stable sort, as glibc's qsort is here).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void depmod_modules_sort()
    {
        var orderFile = Dirname + "/modules.order";
        byte[] bytes;
        try
        {
            if (File.Exists(orderFile) && RegularFile.Check(orderFile, 64L * 1024 * 1024) is { } problem)
                throw new IOException(problem);
            bytes = File.ReadAllBytes(orderFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn($"could not open modules.order at {Dirname}: {DepmodErrno.strerror(e is UnauthorizedAccessException ? DepmodErrno.EACCES : DepmodErrno.ENOENT)}");
            return;
        }
        var text = KmodElf.Latin1(bytes);
        var lines = text.Split('\n');
        var complete = lines.Length - 1;
        if (lines[^1].Length > 0)
        {
            Error($"{orderFile}:{lines.Length} corrupted line misses '\\n'");
            return;
        }
        var total = complete + 1;
        var byUncRelPath = new Dictionary<string, DepmodModule>(StringComparer.Ordinal);
        foreach (var m in Modules)
            byUncRelPath.TryAdd(m.UncRelPath, m);
        for (var idx = 1; idx <= complete; idx++)
        {
            if (byUncRelPath.TryGetValue(lines[idx - 1], out var mod))
                mod.SortIdx = idx - total;
        }
        var sorted = Modules.OrderBy(m => m.SortIdx).ToList();
        Modules.Clear();
        Modules.AddRange(sorted);
        Renumber();
    }

    private void Renumber()
    {
        for (var i = 0; i < Modules.Count; i++)
            Modules[i].Idx = i;
    }

    /// What kmod_module_get_elf and friends read from each file, in parallel; results by array index.
    private void ReadModuleFiles()
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, Modules.Count, 16), parallel,
            () => new KmodStringTable(),
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (range, _, names) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                    Modules[i].File = DepmodModuleFile.Read(Modules[i].Path, names);
                return names;
            },
            _ => { });
    }

    /// depmod_load_symbols: each module's exports, in array order, replacing earlier owners.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void depmod_load_symbols()
    {
        foreach (var mod in Modules)
        {
            var file = mod.File!;
            if (file.SymbolsResult < 0)
            {
                if (file.SymbolsResult != -DepmodErrno.ENOENT)
                    Error($"failed to load symbols from {mod.Path}: {DepmodErrno.strerror(-file.SymbolsResult)}");
                continue;
            }
            foreach (var s in file.Exports)
                depmod_symbol_add(s.Symbol, s.Crc, mod);
        }
    }

    /// depmod_load_dependencies / depmod_load_module_dependencies: resolve each module's needed
    /// symbols; with -e report unknown ones and (with -E) CRC disagreements; record direct dependencies.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void depmod_load_dependencies()
    {
        var checkSymvers = _options.SymversPath is not null;
        foreach (var mod in Modules)
        {
            var file = mod.File!;
            if (file.DependencyResult < 0)
                continue;
            foreach (var dep in file.DependencySymbols)
            {
                var isWeak = dep.Bind == KmodSymbolBind.Weak;
                var sym = depmod_symbol_find(dep.Symbol);
                if (sym is null)
                {
                    if (_printUnknown && !isWeak)
                        Warn($"{mod.Path} needs unknown symbol {dep.Symbol}");
                    continue;
                }
                if (checkSymvers && sym.Crc != dep.Crc && !isWeak && _printUnknown)
                    Warn($"{mod.Path} disagrees about version of symbol {dep.Symbol}");
                if (sym.Owner is not null && mod.AddDep(sym.Owner))
                    sym.Owner.Users++;
            }
        }
    }

    /// depmod_calculate_dependencies: a topological sort that outputs modules without users first
    /// (roots taken from the end of a stack); modules left over are in cycles and are reported.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void depmod_calculate_dependencies()
    {
        var n = Modules.Count;
        var users = new int[n];
        var roots = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            users[i] = Modules[i].Users;
            if (users[i] == 0)
                roots.Push(i);
        }
        var sorted = 0;
        while (roots.Count > 0)
        {
            var src = Modules[roots.Pop()];
            src.DepSortIdx = sorted++;
            foreach (var dst in src.Deps)
            {
                if (--users[dst.Idx] == 0)
                    roots.Push(dst.Idx);
            }
        }
        if (sorted < n)
        {
            var inCycles = Modules.Where(m => users[m.Idx] > 0).ToList();
            foreach (var m in inCycles)
            {
                m.DepLoop = true;
                m.DepSortIdx = int.MaxValue;
            }
            DepLoops = inCycles.Count;
            DepmodCycles.Report(inCycles, this);
        }
        foreach (var m in Modules)
        {
            if (m.Deps.Count > 1)
                m.Deps.Sort(DepCmp);
        }
    }

    /// dep_cmp: modules in cycles last, otherwise by topological index.
    public static int DepCmp(DepmodModule a, DepmodModule b) =>
        a.DepLoop != b.DepLoop ? (a.DepLoop ? 1 : -1) : a.DepSortIdx.CompareTo(b.DepSortIdx);
}
