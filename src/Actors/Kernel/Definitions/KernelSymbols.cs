// vmlinux's own exports (__ksymtab / __ksymtab_gpl of the kernel image) with their CRCs and namespaces:
// read from a Module.symvers file (its vmlinux lines: "crc<TAB>symbol<TAB>vmlinux<TAB>EXPORT_SYMBOL[_GPL]<TAB>ns"),
// or the built-in set (Definitions/vmlinux-6.12.symvers: the exports our test modules import, with Debian's CRCs).
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
    /// The built-in set: the vmlinux exports (with Debian 6.12.117's CRCs, module_layout included) that the project's
    /// test modules import, so both they and synthetic modules load without a Module.symvers.
    /// </summary>
    public static KernelSymbols Synthetic { get; } = LoadBuiltIn();

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

    private static KernelSymbols LoadBuiltIn()
    {
        using var stream = typeof(KernelSymbols).Assembly.GetManifestResourceStream("vmlinux-6.12.symvers")
            ?? throw new InvalidOperationException("the built-in vmlinux-6.12.symvers resource is missing");
        using var reader = new StreamReader(stream);
        return FromModuleSymvers(reader);
    }

    /// <summary>The export of that name, or null.</summary>
    public SymbolExport? Find(string name) => symbols.GetValueOrDefault(name);
}
