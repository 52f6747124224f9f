// Reads a scenario file: parses the YAML (keeping positions), reads each section, and reports every
// problem at once as FILE:LINE:COL: message (expected ...), before anything runs. A scenario with
// errors is never returned.
using ModActors.Kernel;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ModActors.Scenarios;

/// <summary>A loaded scenario, or the errors that stopped it.</summary>
internal sealed record LoadResult(Scenario? Scenario, IReadOnlyList<ScenarioError> Errors);

internal static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "kernel", "modules", "files", "tasks", "expect", "explore"];

    private static readonly string[] KernelKeys =
    [
        "profile", "sig_enforce", "modules_disabled", "force_unload", "force_load", "modversions", "stats",
        "show_addresses", "livepatch", "strict_module_rwx", "allow_missing_namespace_imports", "symvers", "timing",
    ];

    private static readonly string[] ExploreKeys = ["strategy", "runs", "seed", "depth", "max_steps"];

    public static LoadResult LoadFile(string path)
    {
        if (!ModActors.Elf.RegularFile.TryReadAllText(path, YamlLimits.MaxScenarioBytes, out var text, out var problem))
            return new LoadResult(null, [new ScenarioError(new SourceMark(path, 0, 0), $"the scenario {problem}")]);
        return Load(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    public static LoadResult Load(string text, string file, string baseDir)
    {
        var y = new YamlReader(file);
        if (text.Length > YamlLimits.MaxScenarioBytes)
            return new LoadResult(null, [new ScenarioError(new SourceMark(file, 1, 1),
                $"the scenario is {ModActors.Elf.RegularFile.Size(text.Length)} long; the limit is {ModActors.Elf.RegularFile.Size(YamlLimits.MaxScenarioBytes)}")]);
        if (YamlLimits.CheckNesting(text, file) is { } tooDeep)
            return new LoadResult(null, [tooDeep]);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is YamlException ie ? ie : e;
            var message = inner.Message.Split('\n')[0];
            return new LoadResult(null, [new ScenarioError(new SourceMark(file, Math.Max(1, (int)inner.Start.Line), Math.Max(1, (int)inner.Start.Column)), "YAML: " + message)]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return new LoadResult(null, [new ScenarioError(new SourceMark(file, 1, 1),
                $"YAML: the text parses but is not a document of nodes YamlDotNet can build ({e.Message})", "plain YAML mappings, lists and scalars")]);
        }
        if (stream.Documents.Count != 1)
            return new LoadResult(null, [new ScenarioError(new SourceMark(file, 1, 1), $"the file holds {stream.Documents.Count} YAML documents", "exactly one")]);
        var root = stream.Documents[0].RootNode;
        if (y.Mapping(root, "the scenario") is not { } top)
            return new LoadResult(null, y.Errors);

        var sections = y.Entries(top, "the scenario", TopKeys).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var name = sections.TryGetValue("name", out var n) ? y.Scalar(n, "name", "a title") ?? "" : Path.GetFileNameWithoutExtension(file);
        var (config, symvers) = sections.TryGetValue("kernel", out var k) ? Kernel(y, k, baseDir) : (KernelConfig.Debian612, null);
        var modules = sections.TryGetValue("modules", out var m) ? new ModuleSpecReader(y, baseDir).Read(m) : [];
        var moduleNames = modules.Select(x => x.Key).ToList();
        var files = Files(y, sections.GetValueOrDefault("files"), moduleNames);
        if (!sections.TryGetValue("tasks", out var t))
            y.Error(top, "the scenario has no tasks", "tasks: with at least one task");
        var tasks = t is null ? [] : new TaskReader(y, moduleNames, [.. files.Select(f => f.Path)]).Read(t);
        var expect = sections.TryGetValue("expect", out var e2) ? new ExpectReader(y, moduleNames).Read(e2) : new FinalExpectations();
        var explore = sections.TryGetValue("explore", out var x) ? Explore(y, x) : new ExploreSpec();
        if (y.Errors.Count > 0)
            return new LoadResult(null, [.. y.Errors.OrderBy(er => er.Mark.Line).ThenBy(er => er.Mark.Column)]);
        return new LoadResult(new Scenario(name, file, config, symvers, modules, files, tasks, expect, explore), []);
    }

    private static (KernelConfig, string?) Kernel(YamlReader y, YamlNode node, string baseDir)
    {
        var c = KernelConfig.Debian612;
        string? symvers = null;
        if (y.Mapping(node, "kernel") is not { } map)
            return (c, null);
        foreach (var (key, _, v) in y.Entries(map, "kernel", KernelKeys))
        {
            switch (key)
            {
                case "profile":
                    var p = y.Scalar(v, "profile", "\"6.12\" or \"6.3\"");
                    if (p == "6.3")
                        c = c with { Profile = KernelProfile.Linux63 };
                    else if (p is not null and not "6.12")
                        y.Error(v, $"kernel profile '{p}' is unknown", "\"6.12\" or \"6.3\"");
                    break;
                case "timing":
                    if (TimingReader.Read(y, v) is { } timing)
                        c = c with { Timing = timing };
                    break;
                case "symvers":
                    if (y.Path(v, "symvers", "a Module.symvers path") is { } sv)
                    {
                        symvers = Path.GetFullPath(Path.Combine(baseDir, sv));
                        if (SymversFile.Check(symvers) is { } problem)
                            y.Error(v, problem, "a Module.symvers file (plain text: CRC, symbol, module, export type, namespace)");
                    }
                    break;
                default:
                    var b = y.Bool(v, key) ?? false;
                    c = key switch
                    {
                        "sig_enforce" => c with { SigEnforce = b },
                        "modules_disabled" => c with { ModulesDisabled = b },
                        "force_unload" => c with { ModuleForceUnload = b },
                        "force_load" => c with { ModuleForceLoad = b },
                        "modversions" => c with { Modversions = b },
                        "stats" => c with { ModuleStats = b },
                        "show_addresses" => c with { ShowKernelAddresses = b },
                        "livepatch" => c with { Livepatch = b },
                        "strict_module_rwx" => c with { StrictModuleRwx = b },
                        _ => c with { ModuleAllowMissingNamespaceImports = b },
                    };
                    break;
            }
        }
        return (c, symvers);
    }

    /// <summary>Every module gets /lib/modules/NAME.ko; `files:` adds copies, links and special files.</summary>
    private static List<FileSpec> Files(YamlReader y, YamlNode? node, IReadOnlyList<string> modules)
    {
        var files = modules.Select(mod => new FileSpec(DefaultPath(mod), mod, null, SimFileKind.Regular)).ToList();
        if (node is null || y.Mapping(node, "files") is not { } map)
            return files;
        foreach (var (path, keyNode, v) in y.Entries(map, "files", null))
        {
            if (!path.StartsWith('/'))
            {
                y.Error(keyNode, $"file path '{path}' is not absolute", "a path starting with /");
                continue;
            }
            var spec = File1(y, path, v, modules, files);
            if (spec is null)
                continue;
            var existing = files.FindIndex(f => f.Path == path);
            if (existing >= 0 && files[existing].Path != DefaultPath(files[existing].Module ?? ""))
                y.Error(keyNode, $"file {path} is listed twice");
            else if (existing >= 0)
                files[existing] = spec;
            else
                files.Add(spec);
        }
        return files;
    }

    public static string DefaultPath(string module) => $"/lib/modules/{module}.ko";

    private static FileSpec? File1(YamlReader y, string path, YamlNode v, IReadOnlyList<string> modules, List<FileSpec> files)
    {
        if (v is YamlScalarNode)
        {
            var mod = y.Scalar(v, $"file {path}", "a module name");
            if (mod is null)
                return null;
            if (modules.Contains(mod))
                return new FileSpec(path, mod, null, SimFileKind.Regular);
            y.Error(v, $"unknown module '{mod}'", "one of " + string.Join(", ", modules));
            return null;
        }
        if (y.Mapping(v, $"file {path}") is not { } m)
            return null;
        var fields = y.Entries(m, $"file {path}", ["module", "link", "kind"]).ToList();
        if (fields.Count != 1)
        {
            y.Error(v, $"file {path} needs exactly one of module, link or kind");
            return null;
        }
        var (key, _, x) = fields[0];
        var s = y.Scalar(x, key);
        if (s is null)
            return null;
        switch (key)
        {
            case "module" when modules.Contains(s):
                return new FileSpec(path, s, null, SimFileKind.Regular);
            case "module":
                y.Error(x, $"unknown module '{s}'", "one of " + string.Join(", ", modules));
                return null;
            case "link" when files.Find(f => f.Path == s) is { } target:
                return new FileSpec(path, target.Module, s, target.Kind);
            case "link":
                y.Error(x, $"link to unknown file '{s}'", "a path listed before it or /lib/modules/MODULE.ko");
                return null;
            default:
                SimFileKind? kind = s switch
                {
                    "empty" => SimFileKind.Empty,
                    "directory" => SimFileKind.Directory,
                    "chardev" => SimFileKind.CharDevice,
                    _ => null,
                };
                if (kind is null)
                    y.Error(x, $"file kind '{s}' is unknown", "empty, directory or chardev");
                return kind is null ? null : new FileSpec(path, null, null, kind.Value);
        }
    }

    private static ExploreSpec Explore(YamlReader y, YamlNode node)
    {
        var e = new ExploreSpec();
        if (y.Mapping(node, "explore") is not { } map)
            return e;
        foreach (var (key, _, v) in y.Entries(map, "explore", ExploreKeys))
        {
            switch (key)
            {
                case "strategy":
                    var s = y.Scalar(v, "strategy", "fifo, random, pct or dfs");
                    if (s is "fifo" or "random" or "pct" or "dfs")
                        e = e with { Strategy = s };
                    else if (s is not null)
                        y.Error(v, $"strategy '{s}' is unknown", "fifo, random, pct or dfs");
                    break;
                case "runs":
                    e = e with { Runs = y.Int(v, "runs", 1, ExploreLimits.MaxRuns) ?? e.Runs };
                    break;
                case "seed":
                    e = e with { Seed = y.Int(v, "seed", 0) ?? 0 };
                    break;
                case "depth":
                    e = e with { Depth = (int)(y.Int(v, "depth", 1, ExploreLimits.MaxDepth) ?? e.Depth) };
                    break;
                default:
                    e = e with { MaxSteps = y.Int(v, "max_steps", 1, ExploreLimits.MaxSteps) ?? e.MaxSteps };
                    break;
            }
        }
        return e;
    }
}
