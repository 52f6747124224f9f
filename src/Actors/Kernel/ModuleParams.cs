// Models a module's parameter table (mod->kp[0..num_kp), the struct kernel_param entries of its __param section)
// together with the variables they point to. Types are named by the modinfo parmtype text ("int", "charp",
// "array of int", ...), as modinfo prints them; each resolves to the kernel_param_ops of kernel/params.c.
namespace ModActors.Kernel;

/// <summary>One entry of a module's parameter table, as declared by module_param*() in the module's source.</summary>
public sealed record ModuleParam
{
    /// <summary>kp->name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The parmtype: byte, short, ushort, int, uint, long, ulong, ullong, hexint, charp, bool, invbool,
    /// bool_enable_only, bint, string, or "array of T" for one of the scalar types.
    /// </summary>
    public required string Type { get; init; }

    /// <summary>
    /// kp->perm, the sysfs mode bits as a number: 0 keeps it out of /sys/module/NAME/parameters; octal 0444
    /// (0x124, 292) is read-only; 0644 (0x1A4, 420) writable. C# has no octal literals: 0444 in C# is decimal.
    /// </summary>
    public int Perm { get; init; }

    /// <summary>For "array of T": the array's length (arr->max).</summary>
    public int ArrayMax { get; init; }

    /// <summary>
    /// For "array of T": whether module_param_array() was given a count pointer (nump). With one, sysfs shows the
    /// elements set so far; without, all <see cref="ArrayMax"/> elements.
    /// </summary>
    public bool ArrayHasNum { get; init; } = true;

    /// <summary>For "string" (module_param_string): the buffer size, terminating NUL included.</summary>
    public int StringMaxLen { get; init; }

    /// <summary>
    /// The variable's initial value in the module's source, written as a value the type's set op accepts
    /// ("5", "Y", "a,b"); null for the C zero value (0, N, NULL for charp, "" for string, no elements).
    /// </summary>
    public string? Default { get; init; }

    /// <summary>
    /// Read from a .ko's __param section rather than declared by a scenario: the compile-time checks of
    /// module_param() (a name, VERIFY_OCTAL_PERMISSIONS) did not run on it, so any name and u16 perm is taken as
    /// the image holds it; mod_sysfs_setup deals with them at load (see ModSysfs).
    /// </summary>
    public bool FromImage { get; init; }

    /// <summary>
    /// kp->ops is the module's own kernel_param_ops (module_param_cb) or none the model knows: its code is not in the
    /// model, so set takes any value and get shows the last one set (see <see cref="ParamOps.ModuleOwnOps"/>).
    /// </summary>
    public bool ModuleOwnOps { get; init; }
}

/// <summary>
/// A module's parameter table with its variables: what parse_args() sets at load and sysfs reads and writes.
/// Owned by the module's actor; not thread-safe.
/// </summary>
public sealed class ModuleParams
{
    private readonly KernelParam[] _kp;

    /// <summary>
    /// Builds the table and initialises each variable to its <see cref="ModuleParam.Default"/>. Throws
    /// <see cref="ArgumentException"/> naming the parameter for an unknown type, a missing array length or string
    /// size, a bad permission or a default the type rejects.
    /// </summary>
    public ModuleParams(IEnumerable<ModuleParam> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _kp = table.Select(Build).ToArray();
        Table = _kp.Select(k => k.Spec).ToArray();
    }

    /// <summary>The declared table, in kernel_param order.</summary>
    public IReadOnlyList<ModuleParam> Table { get; }

    internal IReadOnlyList<KernelParam> kp => _kp;

    /// <summary>ops->get of parameter <paramref name="name"/> (exact name): the text a sysfs read shows.</summary>
    public string param_get(string name) => Find(name).Get(new KernelLog());

    /// <summary>Every parameter with its perm and current text, for a <see cref="ModuleSnapshot"/>.</summary>
    public IReadOnlyList<ParamSnapshot> Snapshot() =>
        _kp.Select(k => new ParamSnapshot(k.Spec.Name, SysfsMode(k.Spec), k.Get(new KernelLog()))).ToArray();

    /// <summary>The parameter file's mode: a .ko's perm as sysfs's create_files masks it (0664, see ModSysfs).</summary>
    private static int SysfsMode(ModuleParam p) => p.FromImage && p.Perm != 0 ? p.Perm & 0x1B4 : p.Perm;

    internal KernelParam Find(string name) =>
        Array.Find(_kp, k => k.Spec.Name == name)
        ?? throw new ArgumentException($"module has no parameter '{name}'", nameof(name));

    /// <summary>0777: the largest mode (C# has no octal literals, so modes are written in hex).</summary>
    private const int S_IALLUGO = 0x1FF;

    /// <summary>0002: other-writable.</summary>
    private const int S_IWOTH = 0x2;

    private static KernelParam Build(ModuleParam spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.FromImage)
            return BuildFromImage(spec);
        if (string.IsNullOrEmpty(spec.Name))
            throw new ArgumentException("a module parameter needs a name", nameof(spec));
        if (spec.Perm is < 0 or > S_IALLUGO)
            throw new ArgumentException($"parameter '{spec.Name}': perm {spec.Perm} is not a file mode (0..0777 octal)", nameof(spec));
        if ((spec.Perm & S_IWOTH) != 0)
            throw new ArgumentException(
                $"parameter '{spec.Name}': world-writable perm 0{Convert.ToString(spec.Perm, 8)} is rejected by VERIFY_OCTAL_PERMISSIONS",
                nameof(spec));

        const string arrayOf = "array of ";
        KernelParamOps ops;
        ParamCell cell;
        if (spec.Type.StartsWith(arrayOf, StringComparison.Ordinal))
        {
            KernelParamOps elem = ParamOps.ForType(spec.Type[arrayOf.Length..]) is { } e && e != ParamOps.param_ops_string
                ? e
                : throw new ArgumentException($"parameter '{spec.Name}': unsupported parameter type '{spec.Type}'", nameof(spec));
            if (spec.ArrayMax <= 0)
                throw new ArgumentException($"parameter '{spec.Name}': an array needs ArrayMax > 0", nameof(spec));
            ops = new ParamArrayOps(elem, spec.ArrayMax);
            object?[] elems = Enumerable.Repeat(elem.Zero, spec.ArrayMax).ToArray();
            cell = new ScalarCell(new ArrayValue(elems, spec.ArrayHasNum ? 0 : null));
        }
        else
        {
            ops = ParamOps.ForType(spec.Type)
                ?? throw new ArgumentException($"parameter '{spec.Name}': unsupported parameter type '{spec.Type}'", nameof(spec));
            if (ops == ParamOps.param_ops_string && spec.StringMaxLen <= 0)
                throw new ArgumentException($"parameter '{spec.Name}': a string parameter needs StringMaxLen > 0", nameof(spec));
            cell = new ScalarCell(ops.Zero);
        }

        return WithDefault(spec, ops, cell);
    }

    /// <summary>Largest array a .ko's parameter gets in the model (kparam_array.max is taken from the image, capped).</summary>
    private const int ImageArrayMaxLimit = 4096;

    /// <summary>A parameter of a real image: no compile-time checks; ops the model does not know become the module's own.</summary>
    private static KernelParam BuildFromImage(ModuleParam spec)
    {
        const string arrayOf = "array of ";
        if (!spec.ModuleOwnOps && spec.Type.StartsWith(arrayOf, StringComparison.Ordinal)
            && ParamOps.ForType(spec.Type[arrayOf.Length..]) is { } elem && elem != ParamOps.param_ops_string && spec.ArrayMax > 0)
        {
            var max = Math.Min(spec.ArrayMax, ImageArrayMaxLimit);
            object?[] elems = Enumerable.Repeat(elem.Zero, max).ToArray();
            return WithDefault(spec, new ParamArrayOps(elem, max), new ScalarCell(new ArrayValue(elems, spec.ArrayHasNum ? 0 : null)));
        }
        if (!spec.ModuleOwnOps && ParamOps.ForType(spec.Type) is { } ops && (ops != ParamOps.param_ops_string || spec.StringMaxLen > 0))
            return WithDefault(spec, ops, new ScalarCell(ops.Zero));
        return new KernelParam(spec, ParamOps.ModuleOwnOps, new ScalarCell(null));
    }

    private static KernelParam WithDefault(ModuleParam spec, KernelParamOps ops, ParamCell cell)
    {
        var kp = new KernelParam(spec, ops, cell);
        if (spec.Default is not null)
        {
            var log = new KernelLog();
            int err = kp.Set(spec.Default, log);
            if (err != 0)
                throw new ArgumentException(
                    $"parameter '{spec.Name}': default '{spec.Default}' is invalid for type {spec.Type} ({Errno.Name(err)})",
                    nameof(spec));
        }
        return kp;
    }
}

/// <summary>struct kernel_param: the declaration, its ops and its variable.</summary>
internal sealed class KernelParam(ModuleParam spec, KernelParamOps ops, ParamCell arg)
{
    public ModuleParam Spec { get; } = spec;

    public KernelParamOps Ops { get; } = ops;

    public ParamCell Arg { get; } = arg;

    /// <summary>ops->set(val, kp); <paramref name="val"/> may come back mangled (see <see cref="KernelParamOps.set"/>).</summary>
    public int Set(ref string? val, KernelLog log) => Ops.set(ref val, Ref(log));

    public int Set(string val, KernelLog log)
    {
        string? v = val;
        return Set(ref v, log);
    }

    public string Get(KernelLog log) => Ops.get(Ref(log));

    private KernelParamRef Ref(KernelLog log) => new(Spec.Name, Arg, Spec.StringMaxLen, log);
}
