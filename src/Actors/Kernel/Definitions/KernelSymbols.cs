// vmlinux's own exports (__ksymtab / __ksymtab_gpl of the kernel image) with their CRCs and namespaces:
// read from a Module.symvers file (its vmlinux lines: "crc<TAB>symbol<TAB>vmlinux<TAB>EXPORT_SYMBOL[_GPL]<TAB>ns"),
// or a small built-in set that synthetic modules can import.
using System.Globalization;

namespace ModActors.Kernel;

/// <summary>The exports of the simulated kernel image.</summary>
public sealed class KernelSymbols
{
    private readonly Dictionary<string, SymbolExport> symbols;

    private KernelSymbols(Dictionary<string, SymbolExport> symbols) => this.symbols = symbols;

    /// <summary>Number of exports.</summary>
    public int Count => symbols.Count;

    /// <summary>
    /// A built-in set: module_layout (CRC 0x2f9b2b9a as in Debian's 6.12 build) and the handful of exports the
    /// project's test modules use (printk, msleep, misc_register, register_module_notifier, ...), all with CRC 0.
    /// </summary>
    public static KernelSymbols Synthetic { get; } = FromList(
    [
        new("module_layout", Crc: 0x2f9b2b9a),
        new("_printk"), new("msleep"), new("__fentry__"), new("__x86_return_thunk"), new("__stack_chk_fail"),
        new("misc_register"), new("misc_deregister"), new("proc_create"), new("proc_remove"),
        new("register_module_notifier"), new("unregister_module_notifier"), new("param_ops_int"),
        new("param_ops_charp"), new("param_ops_bool"), new("param_ops_uint"), new("__request_module"),
        new("try_module_get"), new("module_put"), new("kmalloc_caches"), new("kfree"), new("__kmalloc"),
        new("param_array_ops"), new("param_ops_ulong"), new("param_ops_string"), new("param_ops_ushort"),
        new("param_ops_short"), new("param_ops_byte"), new("param_ops_long"), new("param_ops_hexint"),
        new("noop_llseek"), new("nonseekable_open"), new("current_task"), new("__SCT__might_resched"),
        new("simple_read_from_buffer"), new("module_refcount"), new("__module_get"),
        new("gpl_only_helper", GplOnly: true),
    ]);

    /// <summary>A set from a list of exports.</summary>
    public static KernelSymbols FromList(IEnumerable<SymbolExport> exports) =>
        new(exports.ToDictionary(e => e.Name, StringComparer.Ordinal));

    /// <summary>
    /// Reads the vmlinux lines of a Module.symvers text. Malformed lines throw <see cref="FormatException"/>
    /// naming the line number.
    /// </summary>
    public static KernelSymbols FromModuleSymvers(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var map = new Dictionary<string, SymbolExport>(StringComparer.Ordinal);
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
                continue;
            var f = line.Split('\t');
            if (f.Length < 4 || !f[0].StartsWith("0x", StringComparison.Ordinal)
                || !uint.TryParse(f[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var crc))
                throw new FormatException($"Module.symvers line {lineNo}: expected 'crc<TAB>symbol<TAB>module<TAB>export type[<TAB>namespace]'");
            if (f[2] != "vmlinux")
                continue;
            var ns = f.Length > 4 && f[4].Length > 0 ? f[4] : null;
            map[f[1]] = new SymbolExport(f[1], f[3] == "EXPORT_SYMBOL_GPL", ns, crc);
        }
        return new KernelSymbols(map);
    }

    /// <summary>The export of that name, or null.</summary>
    public SymbolExport? Find(string name) => symbols.GetValueOrDefault(name);
}
