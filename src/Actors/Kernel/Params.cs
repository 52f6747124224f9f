// Models kernel/params.c parse_args() and parse_one(), lib/cmdline.c next_arg(), parameq() (dash2underscore) and
// the module-side wrapper in kernel/module/main.c load_module(): parse_args(mod->name, mod->args, mod->kp, ...,
// unknown_module_param_cb) and its "parameters '%s' after `--' ignored" warning. Parsing works on a NUL-terminated
// char buffer exactly as the C code does, because its quirks (quotes, '=' at position 0, the mangled value printed
// after an array error) are what users see in dmesg.
using System.Globalization;

namespace ModActors.Kernel;

/// <summary>The result of parse_args(): 0 or the LAST failing parameter's negative errno, and the text after "--".</summary>
/// <param name="Error">0, or the negative errno of the last parameter that failed (every failure is logged).</param>
/// <param name="AfterDashes">What followed a bare "--" (possibly ""), or null when there was none.</param>
public sealed record ParseArgsResult(int Error, string? AfterDashes);

/// <summary>The result of parsing a module's load arguments in load_module().</summary>
/// <param name="Error">0, or the negative errno that fails the load (after the COMING notification).</param>
/// <param name="AsyncProbeRequested">mod->async_probe_requested, set by an "async_probe" argument.</param>
public sealed record ModuleArgsResult(int Error, bool AsyncProbeRequested);

/// <summary>Module parameter parsing: parse_args(), parse_one(), next_arg(), parameq().</summary>
public static class Params
{
    /// <summary>handle_unknown callback of parse_args(): (param, val, doing) → 0 or a negative errno.</summary>
    public delegate int ParseUnknownFn(string param, string? val, string doing);

    private static string C(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>isspace() of lib/ctype.c: \t \n \v \f \r, space and Latin-1 NBSP (160).</summary>
    internal static bool isspace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u00a0';

    /// <summary>parameq(): names are equal when they match with every '-' read as '_'.</summary>
    public static bool parameq(string a, string b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (dash2underscore(a[i]) != dash2underscore(b[i]))
                return false;
        }
        return true;
    }

    private static char dash2underscore(char c) => c == '-' ? '_' : c;

    private static string Str(char[] buf, int at) => new(buf, at, Array.IndexOf(buf, '\0', at) - at);

    private static int skip_spaces(char[] buf, int at)
    {
        while (isspace(buf[at]))
            at++;
        return at;
    }

    /// <summary>
    /// next_arg(): splits the next "param[=val]" off <paramref name="buf"/> at <paramref name="args"/>, writing NULs
    /// into the buffer as the kernel does; double quotes group spaces and are dropped around the value.
    /// Returns the index of the rest (spaces skipped); <paramref name="val"/> is -1 when there is no '='.
    /// </summary>
    internal static int next_arg(char[] buf, int args, out int param, out int val)
    {
        int i, equals = 0;
        bool inQuote = false, quoted = false;

        if (buf[args] == '"')
        {
            args++;
            inQuote = true;
            quoted = true;
        }

        for (i = 0; buf[args + i] != '\0'; i++)
        {
            if (isspace(buf[args + i]) && !inQuote)
                break;
            if (equals == 0 && buf[args + i] == '=')
                equals = i;
            if (buf[args + i] == '"')
                inQuote = !inQuote;
        }

        param = args;
        if (equals == 0)
        {
            val = -1;
        }
        else
        {
            buf[args + equals] = '\0';
            val = args + equals + 1;
            if (buf[val] == '"')
            {
                val++;
                if (buf[args + i - 1] == '"')
                    buf[args + i - 1] = '\0';
            }
        }
        if (quoted && i > 0 && buf[args + i - 1] == '"')
            buf[args + i - 1] = '\0';

        if (buf[args + i] != '\0')
        {
            buf[args + i] = '\0';
            args += i + 1;
        }
        else
        {
            args += i;
        }
        return skip_spaces(buf, args);
    }

    /// <summary>
    /// parse_one(): finds the parameter by <see cref="parameq"/> and calls its set op; a missing value is -EINVAL
    /// unless the op takes none (bool, bint). An unknown name goes to <paramref name="handleUnknown"/>, or is -ENOENT.
    /// </summary>
    private static int parse_one(string param, ref string? val, string doing, ModuleParams @params, KernelLog log,
        ParseUnknownFn? handleUnknown)
    {
        foreach (KernelParam kp in @params.kp)
        {
            if (kp.Spec.FromImage && kp.Spec.Name.Length == 0)
                return null_name_oops(log);
            if (!parameq(param, kp.Spec.Name))
                continue;
            if (val is null && !kp.Ops.NoArg)
                return -Errno.EINVAL;
            return kp.Set(ref val, log);
        }
        if (handleUnknown is not null)
            return handleUnknown(param, val, doing);
        return -Errno.ENOENT;
    }

    /// <summary>
    /// parameq(param, NULL) on a crafted .ko's __param entry whose name relocation is gone: the kernel dereferences
    /// NULL and oopses (the task dies). The model logs the oops' first lines and fails the call with -EFAULT.
    /// </summary>
    private static int null_name_oops(KernelLog log)
    {
        log.printk(LogLevel.Alert, "BUG: kernel NULL pointer dereference, address: 0000000000000000");
        log.printk(LogLevel.Alert, "#PF: supervisor read access in kernel mode");
        return -Errno.EFAULT;
    }

    /// <summary>
    /// parse_args(doing, args, params, ..., unknown): parses "foo=bar,bar2 baz=fuz wiz" up to a bare "--".
    /// Every failing parameter is logged ("`%s' invalid for parameter `%s'", "`%s' too large for parameter `%s'",
    /// "Unknown parameter `%s'", each after "doing: ") and parsing goes on; the result carries the last error.
    /// </summary>
    public static ParseArgsResult parse_args(string doing, string args, ModuleParams @params, KernelLog log,
        ParseUnknownFn? unknown)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(@params);
        ArgumentNullException.ThrowIfNull(log);
        char[] buf = (ParamOps.CString(args) + "\0").ToCharArray();
        int err = 0;
        int at = skip_spaces(buf, 0);

        while (buf[at] != '\0')
        {
            at = next_arg(buf, at, out int paramAt, out int valAt);
            string param = Str(buf, paramAt);
            string? val = valAt < 0 ? null : Str(buf, valAt);
            if (val is null && param == "--")
                return new ParseArgsResult(err, err != 0 ? null : Str(buf, at));

            int ret = parse_one(param, ref val, doing, @params, log, unknown);
            switch (ret)
            {
                case 0:
                    continue;
                case -Errno.ENOENT:
                    log.pr_err(C($"{doing}: Unknown parameter `{param}'"));
                    break;
                case -Errno.ENOSPC:
                    log.pr_err(C($"{doing}: `{val ?? ""}' too large for parameter `{param}'"));
                    break;
                default:
                    log.pr_err(C($"{doing}: `{val ?? ""}' invalid for parameter `{param}'"));
                    break;
            }
            err = ret;
        }
        return new ParseArgsResult(err, null);
    }

    /// <summary>
    /// The argument step of load_module() for module <paramref name="modName"/>: parse_args() with
    /// unknown_module_param_cb (unknown names are logged "%s: unknown parameter '%s' ignored" and do not fail;
    /// "async_probe" and "dyndbg"/"*.dyndbg" are taken silently), then, on success, "%s: parameters '%s' after
    /// `--' ignored" when there was a "--".
    /// </summary>
    public static ModuleArgsResult load_module_parse_args(string modName, string args, ModuleParams @params, KernelLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        bool asyncProbe = false;

        int unknown_module_param_cb(string param, string? val, string modname)
        {
            if (param == "async_probe")
            {
                asyncProbe = Kstrtox.kstrtobool(val, out bool v) != 0 || v;
                return 0;
            }
            if (ddebug_dyndbg_module_param_cb(ref param) != 0)
                log.pr_warn(C($"{modname}: unknown parameter '{param}' ignored"));
            return 0;
        }

        ParseArgsResult result = parse_args(modName, args, @params, log, unknown_module_param_cb);
        if (result.Error != 0)
            return new ModuleArgsResult(result.Error, asyncProbe);
        if (result.AfterDashes is not null)
            log.pr_warn(C($"{modName}: parameters '{result.AfterDashes}' after `--' ignored"));
        return new ModuleArgsResult(0, asyncProbe);
    }

    /// <summary>
    /// ddebug_dyndbg_module_param_cb() (lib/dynamic_debug.c): 0 for "dyndbg" or "X.dyndbg", else -ENOENT. It cuts
    /// the name at its first '.' in place, so the caller's warning then prints only the part before the dot.
    /// </summary>
    private static int ddebug_dyndbg_module_param_cb(ref string param)
    {
        int sep = param.IndexOf('.', StringComparison.Ordinal);
        string tail = param;
        if (sep >= 0)
        {
            tail = param[(sep + 1)..];
            param = param[..sep];
        }
        return tail == "dyndbg" ? 0 : -Errno.ENOENT;
    }
}
