// Models the standard struct kernel_param_ops of kernel/params.c: param_ops_{byte,short,ushort,int,uint,long,ulong,
// ullong,hexint} (STANDARD_PARAM_DEF: kstrto* with base 0, printed "%hhu\n" .. "%#08x\n"), param_ops_charp,
// param_ops_bool, param_ops_bool_enable_only, param_ops_invbool, param_ops_bint, param_ops_string
// (param_set_copystring) and param_array_ops (param_array, param_array_get). A variable is a ParamCell holding the
// C value boxed as its C type (byte, short, ushort, int, uint, long, ulong, bool, string or null for char *).
using System.Globalization;
using System.Text;

namespace ModActors.Kernel;

/// <summary>The storage of one module variable (what kp->arg points to).</summary>
internal abstract class ParamCell
{
    public abstract object? Value { get; set; }
}

internal sealed class ScalarCell(object? value) : ParamCell
{
    public override object? Value { get; set; } = value;
}

/// <summary>Element <c>Index</c> of an array variable (kp->arg = arr->elem + elemsize * i).</summary>
internal sealed class ElementCell(object?[] elems, int index) : ParamCell
{
    public override object? Value
    {
        get => elems[index];
        set => elems[index] = value;
    }
}

/// <summary>The variables behind module_param_array(): the elements and *arr->num (null when nump is NULL).</summary>
internal sealed class ArrayValue(object?[] elems, int? num)
{
    public object?[] Elems { get; } = elems;

    public int? Num { get; set; } = num;
}

/// <summary>What a set op sees of its struct kernel_param: the name, the variable and, for strings, maxlen.</summary>
internal sealed record KernelParamRef(string Name, ParamCell Arg, int MaxLen, KernelLog Log);

/// <summary>struct kernel_param_ops.</summary>
internal abstract class KernelParamOps
{
    /// <summary>KERNEL_PARAM_OPS_FL_NOARG: the parameter may be given without "=value".</summary>
    public virtual bool NoArg => false;

    /// <summary>The C type's zero value (a static variable's initial value).</summary>
    public abstract object? Zero { get; }

    /// <summary>
    /// ops->set(val, kp): 0 or a negative errno. <paramref name="val"/> is passed by reference because
    /// param_array() mangles it (each comma becomes a NUL), which changes what parse_args() prints afterwards.
    /// </summary>
    public abstract int set(ref string? val, KernelParamRef kp);

    /// <summary>ops->get(buffer, kp): the text a sysfs read returns.</summary>
    public abstract string get(KernelParamRef kp);
}

internal static class ParamOps
{
    private static string C(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>STANDARD_PARAM_DEF(name, type, format, strtolfn): <c>parse</c> returns the kstrto* result and value.</summary>
    private sealed class Standard(object zero, Func<string, (int Rv, object Value)> parse, Func<object, string> format)
        : KernelParamOps
    {
        public override object? Zero => zero;

        public override int set(ref string? val, KernelParamRef kp)
        {
            if (val is null)
                return -Errno.EINVAL;
            (int rv, object value) = parse(val);
            if (rv == 0)
                kp.Arg.Value = value;
            return rv;
        }

        public override string get(KernelParamRef kp) => format(kp.Arg.Value!) + "\n";
    }

    public static readonly KernelParamOps param_ops_byte = new Standard((byte)0,
        s => (Kstrtox.kstrtou8(s, 0, out byte v), v), v => C($"{(byte)v}"));

    public static readonly KernelParamOps param_ops_short = new Standard((short)0,
        s => (Kstrtox.kstrtos16(s, 0, out short v), v), v => C($"{(short)v}"));

    public static readonly KernelParamOps param_ops_ushort = new Standard((ushort)0,
        s => (Kstrtox.kstrtou16(s, 0, out ushort v), v), v => C($"{(ushort)v}"));

    public static readonly KernelParamOps param_ops_int = new Standard(0,
        s => (Kstrtox.kstrtoint(s, 0, out int v), v), v => C($"{(int)v}"));

    public static readonly KernelParamOps param_ops_uint = new Standard(0u,
        s => (Kstrtox.kstrtouint(s, 0, out uint v), v), v => C($"{(uint)v}"));

    public static readonly KernelParamOps param_ops_long = new Standard(0L,
        s => (Kstrtox.kstrtol(s, 0, out long v), v), v => C($"{(long)v}"));

    public static readonly KernelParamOps param_ops_ulong = new Standard(0UL,
        s => (Kstrtox.kstrtoul(s, 0, out ulong v), v), v => C($"{(ulong)v}"));

    public static readonly KernelParamOps param_ops_ullong = new Standard(0UL,
        s => (Kstrtox.kstrtoull(s, 0, out ulong v), v), v => C($"{(ulong)v}"));

    /// <summary>"%#08x": the kernel's number() always prints "0x" in base 16, even for 0 ("0x000000").</summary>
    public static readonly KernelParamOps param_ops_hexint = new Standard(0u,
        s => (Kstrtox.kstrtouint(s, 0, out uint v), v), v => "0x" + ((uint)v).ToString("x6", CultureInfo.InvariantCulture));

    public static readonly KernelParamOps param_ops_charp = new Charp();

    public static readonly KernelParamOps param_ops_bool = new Bool(inverted: false);

    public static readonly KernelParamOps param_ops_invbool = new Bool(inverted: true);

    public static readonly KernelParamOps param_ops_bool_enable_only = new BoolEnableOnly();

    public static readonly KernelParamOps param_ops_bint = new Bint();

    public static readonly KernelParamOps param_ops_string = new CopyString();

    /// <summary>
    /// A module's own kernel_param_ops (module_param_cb), or ops the model does not know: the module's code is not
    /// in the model, so set takes any value and get shows the last value set ("" before any).
    /// </summary>
    public static readonly KernelParamOps ModuleOwnOps = new OwnOps();

    private sealed class OwnOps : KernelParamOps
    {
        public override bool NoArg => true;

        public override object? Zero => null;

        public override int set(ref string? val, KernelParamRef kp)
        {
            kp.Arg.Value = val ?? "";
            return 0;
        }

        public override string get(KernelParamRef kp) => (kp.Arg.Value as string ?? "") + "\n";
    }

    /// <summary>The ops for a modinfo parmtype ("int", "charp", ...); null for a type the kernel does not define.</summary>
    public static KernelParamOps? ForType(string type) => type switch
    {
        "byte" => param_ops_byte,
        "short" => param_ops_short,
        "ushort" => param_ops_ushort,
        "int" => param_ops_int,
        "uint" => param_ops_uint,
        "long" => param_ops_long,
        "ulong" => param_ops_ulong,
        "ullong" => param_ops_ullong,
        "hexint" => param_ops_hexint,
        "charp" => param_ops_charp,
        "bool" => param_ops_bool,
        "invbool" => param_ops_invbool,
        "bool_enable_only" => param_ops_bool_enable_only,
        "bint" => param_ops_bint,
        "string" => param_ops_string,
        _ => null,
    };

    /// <summary>param_set_charp / param_get_charp: at most 1024 characters; NULL prints "(null)".</summary>
    private sealed class Charp : KernelParamOps
    {
        private const int MaxLen = 1024;

        public override object? Zero => null;

        public override int set(ref string? val, KernelParamRef kp)
        {
            if (val is null)
                return -Errno.EINVAL;
            string s = CString(val);
            if (s.Length > MaxLen)
            {
                kp.Log.pr_err(C($"{kp.Name}: string parameter too long"));
                return -Errno.ENOSPC;
            }
            kp.Arg.Value = s;
            return 0;
        }

        public override string get(KernelParamRef kp) => ((string?)kp.Arg.Value ?? "(null)") + "\n";
    }

    /// <summary>param_set_bool (no value means "1") / param_get_bool ("Y\n"/"N\n"); invbool stores the negation.</summary>
    private sealed class Bool(bool inverted) : KernelParamOps
    {
        public override bool NoArg => !inverted;

        public override object? Zero => false;

        public override int set(ref string? val, KernelParamRef kp)
        {
            int ret = param_set_bool(val, out bool v);
            if (ret == 0)
                kp.Arg.Value = inverted ? !v : v;
            return ret;
        }

        public override string get(KernelParamRef kp) => ((bool)kp.Arg.Value! ^ inverted ? "Y" : "N") + "\n";
    }

    /// <summary>param_set_bool_enable_only: once set, clearing it is -EROFS.</summary>
    private sealed class BoolEnableOnly : KernelParamOps
    {
        public override bool NoArg => true;

        public override object? Zero => false;

        public override int set(ref string? val, KernelParamRef kp)
        {
            int err = param_set_bool(val, out bool newValue);
            if (err != 0)
                return err;
            if (!newValue && (bool)kp.Arg.Value!)
                return -Errno.EROFS;
            if (newValue)
                kp.Arg.Value = true;
            return 0;
        }

        public override string get(KernelParamRef kp) => ((bool)kp.Arg.Value! ? "Y" : "N") + "\n";
    }

    /// <summary>param_set_bint: parsed like bool, stored as int, printed by param_get_int ("1\n"/"0\n").</summary>
    private sealed class Bint : KernelParamOps
    {
        public override bool NoArg => true;

        public override object? Zero => 0;

        public override int set(ref string? val, KernelParamRef kp)
        {
            int ret = param_set_bool(val, out bool v);
            if (ret == 0)
                kp.Arg.Value = v ? 1 : 0;
            return ret;
        }

        public override string get(KernelParamRef kp) => C($"{(int)kp.Arg.Value!}\n");
    }

    /// <summary>param_set_copystring / param_get_string: a char[maxlen] buffer.</summary>
    private sealed class CopyString : KernelParamOps
    {
        public override object? Zero => "";

        public override int set(ref string? val, KernelParamRef kp)
        {
            if (val is null)
                return -Errno.EINVAL;
            string s = CString(val);
            if (s.Length >= kp.MaxLen)
            {
                kp.Log.pr_err(C($"{kp.Name}: string doesn't fit in {kp.MaxLen - 1} chars."));
                return -Errno.ENOSPC;
            }
            kp.Arg.Value = s;
            return 0;
        }

        public override string get(KernelParamRef kp) => (string)kp.Arg.Value! + "\n";
    }

    private static int param_set_bool(string? val, out bool value) => Kstrtox.kstrtobool(val ?? "1", out value);

    /// <summary>The C string at <paramref name="s"/>: the text before the first NUL.</summary>
    public static string CString(string s)
    {
        int nul = s.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? s : s[..nul];
    }
}

/// <summary>param_array_ops over the element ops of "array of TYPE" (module_param_array).</summary>
internal sealed class ParamArrayOps(KernelParamOps elemOps, int max) : KernelParamOps
{
    public KernelParamOps ElemOps { get; } = elemOps;

    public int Max { get; } = max;

    /// <summary>Unused: an array's variable is an <see cref="ArrayValue"/> of <see cref="ElemOps"/> zeros.</summary>
    public override object? Zero => null;

    /// <summary>
    /// param_array_set → param_array(min 1, max): parses comma-separated elements in place. Each comma is replaced
    /// by a NUL as in the kernel, so afterwards <paramref name="val"/> reads as its first element.
    /// </summary>
    public override int set(ref string? val, KernelParamRef kp)
    {
        if (val is null)
            return -Errno.EINVAL;
        var array = (ArrayValue)kp.Arg.Value!;
        char[] buf = (ParamOps.CString(val) + "\0").ToCharArray();
        int ret = param_array(kp, buf, array);
        val = new string(buf, 0, Array.IndexOf(buf, '\0'));
        return ret;
    }

    private int param_array(KernelParamRef kp, char[] buf, ArrayValue array)
    {
        const int min = 1;
        int num = 0;
        int pos = 0;
        char save;
        try
        {
            do
            {
                if (num == Max)
                {
                    kp.Log.pr_err(string.Create(CultureInfo.InvariantCulture, $"{kp.Name}: can only take {Max} arguments"));
                    return -Errno.EINVAL;
                }
                int len = 0;
                while (buf[pos + len] != '\0' && buf[pos + len] != ',')
                    len++;
                save = buf[pos + len];
                buf[pos + len] = '\0';
                string? element = new string(buf, pos, len);
                int ret = ElemOps.set(ref element, kp with { Arg = new ElementCell(array.Elems, num) });
                if (ret != 0)
                    return ret;
                pos += len + 1;
                num++;
            }
            while (save == ',');

            if (num < min)
            {
                kp.Log.pr_err(string.Create(CultureInfo.InvariantCulture, $"{kp.Name}: needs at least {min} arguments"));
                return -Errno.EINVAL;
            }
            return 0;
        }
        finally
        {
            if (array.Num is not null)
                array.Num = num;
        }
    }

    /// <summary>
    /// param_array_get: each element's text with its '\n' replaced by ',' when another follows; *num elements, or
    /// all of them when the module passed no num pointer. With *num == 0 the file is empty (no newline).
    /// </summary>
    public override string get(KernelParamRef kp)
    {
        var array = (ArrayValue)kp.Arg.Value!;
        var sb = new StringBuilder();
        int count = array.Num ?? Max;
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
                sb[^1] = ',';
            sb.Append(ElemOps.get(kp with { Arg = new ElementCell(array.Elems, i) }));
        }
        return sb.ToString();
    }
}
