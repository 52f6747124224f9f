// The `modules:` section: each key is a module. A synthetic module is described in place (licence,
// exports, imports, parameters, what init and exit do); a real one names its .ko (relative to the
// scenario file), read through src/Elf, and may add only the init and exit behaviours, since real
// code cannot run in the simulation.
using ModActors.Elf;
using ModActors.Kernel;
using YamlDotNet.RepresentationModel;
using KParam = ModActors.Kernel.ModuleParam;

namespace ModActors.Scenarios;

internal sealed class ModuleSpecReader(YamlReader y, string baseDir)
{
    private static readonly string[] SyntheticKeys =
    [
        "license", "exports", "imports", "import_ns", "depends", "params", "init", "exit", "in_tree", "staging", "test",
        "signature", "vermagic", "core_size", "init_size", "version", "livepatch",
    ];

    private static readonly string[] RealKeys = ["file", "init", "exit"];

    private static readonly string[] ActionNames =
        ["sleep", "log", "ret", "request_module", "get", "put", "notifier", "unregister_notifier", "klp_enable_patch"];

    public List<ModuleSpec> Read(YamlNode node)
    {
        var result = new List<ModuleSpec>();
        if (y.Mapping(node, "modules") is not { } map)
            return result;
        foreach (var (name, keyNode, value) in y.Entries(map, "modules", null))
        {
            if (!ModuleNameOk(name))
            {
                y.Error(keyNode, $"module name '{name}' is not a valid module name", "letters, digits, '_' (at most 55 characters)");
                continue;
            }
            if (result.Exists(m => m.Key == name))
            {
                y.Error(keyNode, $"module '{name}' is defined twice");
                continue;
            }
            if (YamlReader.IsNull(value))
            {
                result.Add(new ModuleSpec(name, new ModuleDefinition { Name = name }, null, FileCompression.None));
                continue;
            }
            if (y.Mapping(value, $"module '{name}'") is not { } m)
                continue;
            var spec = m.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "file") ? ReadReal(name, m) : ReadSynthetic(name, m);
            if (spec is not null)
                result.Add(spec);
        }
        return result;
    }

    private static bool ModuleNameOk(string name) =>
        name.Length is > 0 and <= 55 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The largest module file a scenario reads (256 MiB; Debian's largest .ko is under 40 MiB).</summary>
    public const long MaxModuleFileBytes = 256L * 1024 * 1024;

    /// <summary>The most elements a scenario's array parameter may declare (each is a variable the model keeps).</summary>
    public const int MaxArrayMax = 4096;

    /// <summary>The largest buffer a scenario's string parameter may declare (param_set_copystring's maxlen).</summary>
    public const int MaxStringLen = 65536;

    private ModuleSpec? ReadReal(string key, YamlMappingNode m)
    {
        string? path = null;
        YamlNode? pathNode = null;
        YamlNode? initNode = null, exitNode = null;
        foreach (var (k, _, v) in y.Entries(m, $"module '{key}' (a real .ko takes only file, init and exit)", RealKeys))
        {
            switch (k)
            {
                case "file":
                    path = y.Path(v, "file", "a path to a .ko, .ko.xz or .ko.gz");
                    pathNode = v;
                    break;
                case "init":
                    initNode = v;
                    break;
                case "exit":
                    exitNode = v;
                    break;
            }
        }
        if (path is null || pathNode is null)
            return null;
        var full = Path.GetFullPath(Path.Combine(baseDir, path));
        if (!RegularFile.TryReadAllBytes(full, MaxModuleFileBytes, out var bytes, out var problem))
        {
            y.Error(pathNode, $"module file {full} {problem}", "a readable regular .ko file");
            return null;
        }
        var compression = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z']) ? FileCompression.Xz
            : bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]) ? FileCompression.Gzip : FileCompression.None;
        IReadOnlyList<string> paramNames = [];
        IReadOnlyList<string> depends = [];
        if (ModuleFile.TryDecompress(bytes, out var image, out _)
            && KernelModuleReader.Read(image, new ModuleReadOptions()).Module is { } parsed)
        {
            paramNames = [.. parsed.Params.Select(p => p.Name)];
            depends = parsed.ModInfo.Depends;
            if (parsed.Name != key)
                y.Error(pathNode, $"module '{key}' names a file whose module is '{parsed.Name}'", $"the key {parsed.Name}");
        }
        var init = initNode is null ? null : Behaviour(initNode, key, "init", paramNames, out _);
        var exit = exitNode is null ? null : Behaviour(exitNode, key, "exit", paramNames, out _);
        var def = new ModuleDefinition
        {
            Name = key,
            Depends = depends,
            Init = init ?? ModuleBehaviour.Nothing,
            Exit = exit ?? ModuleBehaviour.Nothing,
        };
        return new ModuleSpec(key, def, bytes, compression);
    }

    private ModuleSpec? ReadSynthetic(string key, YamlMappingNode m)
    {
        var def = new ModuleDefinition { Name = key };
        var pairs = y.Entries(m, $"module '{key}'", SyntheticKeys).ToList();
        var paramsEntry = pairs.Find(p => p.Key == "params");
        var @params = paramsEntry.Value is null ? [] : Params(paramsEntry.Value, key);
        def = def with { Params = @params };
        var paramNames = @params.Select(p => p.Name).ToList();
        foreach (var (k, _, v) in pairs)
        {
            switch (k)
            {
                case "license":
                    def = def with { License = YamlReader.IsNull(v) ? null : y.Scalar(v, "license") };
                    break;
                case "exports":
                    def = def with { Exports = Exports(v) };
                    break;
                case "imports":
                    def = def with { Imports = Names(v, "imports") };
                    break;
                case "import_ns":
                    def = def with { ImportNamespaces = Names(v, "import_ns") };
                    break;
                case "depends":
                    def = def with { Depends = Names(v, "depends") };
                    break;
                case "init":
                    if (Behaviour(v, key, "init", paramNames, out var hasInit) is { } init)
                        def = def with { Init = init, HasInit = hasInit };
                    break;
                case "exit":
                    if (Behaviour(v, key, "exit", paramNames, out var hasExit) is { } exit)
                        def = def with { Exit = exit, HasExit = hasExit };
                    break;
                case "in_tree":
                    def = def with { InTree = y.Bool(v, "in_tree") ?? false };
                    break;
                case "staging":
                    def = def with { Staging = y.Bool(v, "staging") ?? false };
                    break;
                case "test":
                    def = def with { Test = y.Bool(v, "test") ?? false };
                    break;
                case "livepatch":
                    def = def with { Livepatch = y.Bool(v, "livepatch") ?? false };
                    break;
                case "signature":
                    def = def with { Signature = Signature(v) };
                    break;
                case "vermagic":
                    def = def with { Vermagic = y.Scalar(v, "vermagic") };
                    break;
                case "core_size":
                    def = def with { CoreSize = (uint)(y.Int(v, "core_size", 0, uint.MaxValue) ?? def.CoreSize) };
                    break;
                case "init_size":
                    def = def with { InitSize = (uint)(y.Int(v, "init_size", 0, uint.MaxValue) ?? def.InitSize) };
                    break;
                case "version":
                    def = def with { Version = y.Scalar(v, "version") };
                    break;
            }
        }
        return new ModuleSpec(key, def, null, FileCompression.None);
    }

    private SignatureState Signature(YamlNode v) => y.Scalar(v, "signature") switch
    {
        null => SignatureState.Unsigned,
        "unsigned" => SignatureState.Unsigned,
        "good" => SignatureState.Good,
        "unknown_key" => SignatureState.UnknownKey,
        "bad" => SignatureState.Bad,
        var s => Fail(v, $"signature '{s}' is unknown", "unsigned, good, unknown_key or bad", SignatureState.Unsigned),
    };

    private T Fail<T>(YamlNode node, string message, string expected, T value)
    {
        y.Error(node, message, expected);
        return value;
    }

    private List<string> Names(YamlNode v, string what)
    {
        var list = new List<string>();
        foreach (var item in y.Items(v))
        {
            if (y.Scalar(item, $"an entry of {what}", "a name") is { } s)
                list.Add(s);
        }
        return list;
    }

    private List<SymbolExport> Exports(YamlNode v)
    {
        var list = new List<SymbolExport>();
        foreach (var item in y.Items(v))
        {
            if (item is YamlScalarNode)
            {
                if (y.Scalar(item, "an export", "a symbol name") is { } s)
                    list.Add(new SymbolExport(s));
                continue;
            }
            if (y.Mapping(item, "an export") is not { } m)
                continue;
            string? name = null;
            var gpl = false;
            string? ns = null;
            foreach (var (k, _, ev) in y.Entries(m, "an export", ["name", "gpl", "namespace"]))
            {
                switch (k)
                {
                    case "name":
                        name = y.Scalar(ev, "name", "a symbol name");
                        break;
                    case "gpl":
                        gpl = y.Bool(ev, "gpl") ?? false;
                        break;
                    case "namespace":
                        ns = y.Scalar(ev, "namespace", "a namespace name");
                        break;
                }
            }
            if (name is null)
                y.Error(item, "an export has no name", "name: SYMBOL");
            else
                list.Add(new SymbolExport(name, gpl, ns));
        }
        return list;
    }

    private List<KParam> Params(YamlNode v, string module)
    {
        var list = new List<KParam>();
        if (y.Mapping(v, "params") is not { } m)
            return list;
        foreach (var (name, keyNode, pv) in y.Entries(m, "params", null))
        {
            var param = new KParam { Name = name, Type = "int", Perm = Convert.ToInt32("444", 8) };
            if (pv is YamlScalarNode)
            {
                param = param with { Type = y.Scalar(pv, $"the type of parameter {name}", "a type such as int, bool, charp") ?? "int" };
            }
            else if (y.Mapping(pv, $"parameter {name}") is { } pm)
            {
                foreach (var (k, _, x) in y.Entries(pm, $"parameter {name}", ["type", "perm", "default", "array_max", "max_len"]))
                {
                    param = k switch
                    {
                        "type" => param with { Type = y.Scalar(x, "type") ?? "int" },
                        "perm" => param with { Perm = Perm(x) },
                        "default" => param with { Default = y.Scalar(x, "default") },
                        "array_max" => param with { ArrayMax = (int)(y.Int(x, "array_max", 1, MaxArrayMax) ?? 1) },
                        _ => param with { StringMaxLen = (int)(y.Int(x, "max_len", 1, MaxStringLen) ?? 1) },
                    };
                }
            }
            if (param.Type.StartsWith("array of ", StringComparison.Ordinal) && param.ArrayMax == 0)
                param = param with { ArrayMax = 8 };
            if (param.Type == "string" && param.StringMaxLen == 0)
                param = param with { StringMaxLen = 64 };
            try
            {
                _ = new ModuleParams([param]);
                list.Add(param);
            }
            catch (ArgumentException e)
            {
                y.Error(keyNode, $"parameter {name} of module {module}: {e.Message}", "a type such as int, uint, bool, charp, string, array of int");
            }
        }
        return list;
    }

    private int Perm(YamlNode x)
    {
        var s = y.Scalar(x, "perm", "an octal mode such as 0444");
        try
        {
            return s is null ? 0 : Convert.ToInt32(s, 8);
        }
        catch (FormatException)
        {
            y.Error(x, $"perm '{s}' is not an octal mode", "an octal mode such as 0444");
            return 0;
        }
    }

    /// <summary>An init or exit: "none" (not defined), a mapping of actions in order, or a list of them.</summary>
    private ModuleBehaviour? Behaviour(YamlNode v, string module, string which, IReadOnlyList<string> paramNames, out bool defined)
    {
        defined = true;
        if (v is YamlScalarNode s && s.Value is "none" or "false")
        {
            defined = false;
            return ModuleBehaviour.Nothing;
        }
        var actions = new List<ModuleAction>();
        var what = $"{which} of module {module}";
        if (v is YamlMappingNode m)
        {
            foreach (var (k, _, av) in y.Entries(m, what, ActionNames))
                Add(actions, k, av, module, paramNames);
        }
        else if (v is YamlSequenceNode seq)
        {
            foreach (var item in seq.Children)
            {
                if (item is YamlScalarNode { Value: "unregister_notifier" })
                {
                    actions.Add(new UnregisterNotifierAction());
                    continue;
                }
                if (y.Mapping(item, $"an action of {what}") is not { } am)
                    continue;
                if (am.Children.Count != 1)
                {
                    y.Error(item, $"an action of {what} has {am.Children.Count} keys", "one action per list item");
                    continue;
                }
                foreach (var (k, _, av) in y.Entries(am, what, ActionNames))
                    Add(actions, k, av, module, paramNames);
            }
        }
        else
        {
            y.Error(v, $"{what} is {YamlReader.Kind(v)}", "none, a mapping or a list of actions (" + string.Join(", ", ActionNames) + ")");
            return null;
        }
        if (which == "exit" && actions.OfType<ReturnAction>().Any())
            y.Error(v, $"exit of module {module} returns a value", "ret only in init (exit functions return void)");
        return new ModuleBehaviour(actions);
    }

    private void Add(List<ModuleAction> actions, string kind, YamlNode v, string module, IReadOnlyList<string> paramNames)
    {
        switch (kind)
        {
            case "sleep":
                if (ParamRef(v, paramNames, module) is { } sp)
                    actions.Add(new SleepAction(sp));
                else if (y.Duration(v, "sleep") is { } ms)
                    actions.Add(new SleepAction(ms));
                break;
            case "ret":
                if (ParamRef(v, paramNames, module) is { } rp)
                    actions.Add(new ReturnAction(rp));
                else if (y.Result(v, "ret") is { } rc)
                    actions.Add(new ReturnAction(rc));
                break;
            case "log":
                if (y.Scalar(v, "log", "the text to log") is { } text)
                    actions.Add(new LogAction(text));
                break;
            case "request_module":
                if (y.Scalar(v, "request_module", "a module name") is { } req)
                    actions.Add(new RequestModuleAction(req));
                break;
            case "get":
                if (y.Scalar(v, "get", "a module name") is { } g)
                    actions.Add(new GetAction(g));
                break;
            case "put":
                if (y.Scalar(v, "put", "a module name") is { } p)
                    actions.Add(new PutAction(p));
                break;
            case "notifier":
                actions.Add(Notifier(v, module, paramNames));
                break;
            case "klp_enable_patch":
                if (KlpPatch(v, module, paramNames) is { } klp)
                    actions.Add(klp);
                break;
            default:
                actions.Add(new UnregisterNotifierAction());
                break;
        }
    }

    private RegisterNotifierAction Notifier(YamlNode v, string module, IReadOnlyList<string> paramNames)
    {
        var n = new RegisterNotifierAction();
        if (YamlReader.IsNull(v) || v is YamlScalarNode { Value: "true" })
            return n;
        if (y.Mapping(v, "notifier") is not { } m)
            return n;
        foreach (var (k, _, x) in y.Entries(m, "notifier", ["priority", "veto", "errno", "log"]))
        {
            n = k switch
            {
                "priority" => n with { Priority = (int)(y.Int(x, "priority", int.MinValue, int.MaxValue) ?? 0) },
                "veto" when ParamRef(x, paramNames, module) is { Param: { } vp } => n with { VetoParam = vp },
                "veto" => n with { Veto = Names(x, "veto") },
                "errno" => n with { VetoErrno = y.ErrnoValue(x, "errno") ?? Errno.EPERM },
                _ => n with { Log = y.Bool(x, "log") ?? true },
            };
        }
        return n;
    }

    /// <summary>klp_enable_patch: { OBJECT: [FUNC, ...] }, OBJECT a module name or vmlinux, FUNC a name or "$param".</summary>
    private KlpEnablePatchAction? KlpPatch(YamlNode v, string module, IReadOnlyList<string> paramNames)
    {
        const string expected = "a mapping of patched objects (a module name or vmlinux) to the functions replaced";
        if (v is not YamlMappingNode m || m.Children.Count == 0)
        {
            y.Error(v, $"klp_enable_patch of module {module} is {YamlReader.Kind(v)}", expected);
            return null;
        }
        var objects = new List<KlpObjectSpec>();
        foreach (var (obj, _, fv) in y.Entries(m, "klp_enable_patch", null))
        {
            var funcs = new List<string>();
            foreach (var item in y.Items(fv))
            {
                if (y.Scalar(item, "a patched function", "a function name or $param") is not { } f)
                    continue;
                if (f.StartsWith('$') && !paramNames.Contains(f[1..]))
                    y.Error(item, $"module {module} has no parameter '{f[1..]}'", paramNames.Count == 0
                        ? "a function name (the module has no parameters)"
                        : "a function name or one of $" + string.Join(", $", paramNames));
                funcs.Add(f);
            }
            if (funcs.Count == 0)
                y.Error(fv, $"object {obj} of klp_enable_patch has no function", "at least one function (klp_enable_patch refuses an object without funcs)");
            objects.Add(new KlpObjectSpec(obj == "vmlinux" ? null : obj, funcs));
        }
        return new KlpEnablePatchAction(objects);
    }

    /// <summary>"$name" naming one of the module's parameters.</summary>
    private IntOrParam? ParamRef(YamlNode v, IReadOnlyList<string> paramNames, string module)
    {
        if (v is not YamlScalarNode { Value: { } s } || !s.StartsWith('$'))
            return null;
        var name = s[1..];
        if (!paramNames.Contains(name))
        {
            y.Error(v, $"module {module} has no parameter '{name}'",
                paramNames.Count == 0 ? "a number (the module has no parameters)" : "one of $" + string.Join(", $", paramNames));
            return new IntOrParam(0);
        }
        return new IntOrParam(0, name);
    }
}
