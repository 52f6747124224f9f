// Whole-tree benchmarks (issue 3): reading, validating and resolving every module of Debian's 6.12
// tree (4,230 uncompressed .ko, fixtures/debian-tree, fetched by fixtures/fetch-debian-tree.sh), to
// compare with kmod's `depmod -e -E` on the same tree (0.436 s in the reference measurement).
//   ReadValidateResolve: every file read (into a buffer reused per thread) through KernelModuleReader
//     (the kernel's checks), then each undefined symbol resolved against Module.symvers' vmlinux
//     exports and the modules' exports.
//   DepmodLoad: our model of kmod's depmod up to writing (search, read, symbols, dependencies).
//   DepmodRun: the same plus writing modules.dep/.alias/.softdep/.symbols/.devname.
// Files are read on 2 threads (the machine has 2 cores). Without the tree every benchmark returns at
// once and GlobalSetup says why.
// Run: dotnet run -c Release --project bench -- --filter '*WholeTree*' --job short
using BenchmarkDotNet.Attributes;
using ModActors.Elf;
using ModActors.Elf.Depmod;

namespace ModActors.Bench;

[MemoryDiagnoser]
public class WholeTreeBenchmarks
{
    private const string Version = "6.12.117+deb12-amd64";
    private const int Threads = 2;

    private string _tree = "";
    private string _symvers = "";
    private string[] _paths = [];
    private string _baseDir = "";
    private bool _available;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var dir = Path.Combine(root, "fixtures", "debian-tree");
        _available = File.Exists(Path.Combine(dir, "ok"));
        if (!_available)
        {
            Console.WriteLine("// WholeTree: fixtures/debian-tree is absent (run fixtures/fetch-debian-tree.sh); benchmarks do nothing");
            return;
        }
        _tree = Path.Combine(dir, "raw", "lib", "modules", Version);
        _symvers = Path.Combine(dir, "Module.symvers");
        _paths = [.. File.ReadAllLines(Path.Combine(_tree, "modules.order")).Where(l => l.Length > 0).Select(l => Path.Combine(_tree, l))];
        _baseDir = Directory.CreateTempSubdirectory("modactors-bench-").FullName;
        var modules = Path.Combine(_baseDir, "lib", "modules", Version);
        Directory.CreateDirectory(modules);
        Directory.CreateSymbolicLink(Path.Combine(modules, "kernel"), Path.Combine(_tree, "kernel"));
        foreach (var f in (string[])["modules.order", "modules.builtin", "modules.builtin.modinfo"])
            File.Copy(Path.Combine(_tree, f), Path.Combine(modules, f));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_baseDir.Length > 0)
            Directory.Delete(_baseDir, recursive: true);
    }

    /// <summary>Direct dependency edges found (45,116 on Debian's tree: one per resolved import of a module symbol).</summary>
    [Benchmark]
    public int ReadValidateResolve()
    {
        if (!_available)
            return 0;
        var exports = new List<string>[_paths.Length];
        var undefined = new List<string>[_paths.Length];
        Parallel.For(0, _paths.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, () => Array.Empty<byte>(), (i, _, buffer) =>
        {
            using var file = File.OpenHandle(_paths[i]);
            var length = (int)RandomAccess.GetLength(file);
            if (buffer.Length < length)
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            var image = buffer.AsMemory(0, RandomAccess.Read(file, buffer.AsSpan(0, length), 0));
            var result = KernelModuleReader.Read(image);
            var module = result.Module ?? throw new InvalidOperationException($"{_paths[i]}: {result.Rejection}");
            exports[i] = [.. module.Exports.Select(e => e.Name)];
            undefined[i] = [.. module.UndefinedSymbols.Select(u => u.Name)];
            return buffer;
        }, _ => { });
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(_symvers))
        {
            var f = line.Split('\t');
            if (f.Length > 2 && f[2] == "vmlinux")
                owners[f[1]] = -1;
        }
        for (var i = 0; i < exports.Length; i++)
        {
            foreach (var e in exports[i])
                owners[e] = i;
        }
        var edges = 0;
        for (var i = 0; i < undefined.Length; i++)
        {
            foreach (var u in undefined[i])
            {
                if (!owners.TryGetValue(u, out var owner))
                    throw new InvalidOperationException($"{_paths[i]}: unknown symbol {u}");
                if (owner >= 0)
                    edges++;
            }
        }
        return edges;
    }

    /// <summary>depmod's stages before output; returns the number of modules.</summary>
    [Benchmark]
    public int DepmodLoad()
    {
        if (!_available)
            return 0;
        var run = DepmodRun.Load(new DepmodOptions(_baseDir, Version) { SymversPath = _symvers, ErrSyms = true, Parallelism = Threads },
            TextWriter.Null, out var error) ?? throw new InvalidOperationException(error);
        return run.Modules.Count;
    }

    /// <summary>The whole `depmod -b BASE -e -E Module.symvers VERSION`, files written.</summary>
    [Benchmark]
    public int DepmodWriteFiles()
    {
        if (!_available)
            return 0;
        return Depmod.Run(new DepmodOptions(_baseDir, Version) { SymversPath = _symvers, ErrSyms = true, Parallelism = Threads },
            TextWriter.Null).ModuleCount;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModActors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ModActors.sln not found above " + AppContext.BaseDirectory);
    }
}
