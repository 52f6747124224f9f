// Models kernel/module/stats.c (CONFIG_MODULE_STATS): the load counters, the wasted-bytes counters, the
// dup_failed_modules list (try_add_failed_module(), newest first as list_add_rcu puts it) and the text of
// /sys/kernel/debug/modules/stats (read_file_mod_stats(), including its fixed-size buffer: MAX_PREAMBLE 1024 +
// 64 bytes per failure, at most 112 failures). Debian's kernel does not enable the option; with it off (the
// KernelConfig default) every bump is a no-op, as the internal.h stubs are.
using System.Globalization;
using System.Text;
using ModActors.Elf;

namespace ModActors.Kernel;

/// <summary>The stats.c counters that the load path bumps by name.</summary>
public enum ModStatCounter
{
    /// <summary>atomic_long_t total_mod_size: bytes of every module that went live.</summary>
    TotalModSize,
    /// <summary>atomic_long_t total_text_size: MOD_TEXT bytes of every module that went live.</summary>
    TotalTextSize,
    /// <summary>atomic_long_t invalid_kread_bytes: bytes of init_module images that failed to copy in.</summary>
    InvalidKreadBytes,
    /// <summary>atomic_long_t invalid_decompress_bytes: compressed bytes that failed to decompress.</summary>
    InvalidDecompressBytes,
    /// <summary>atomic_t modcount: modules that went live ("Mods ever loaded").</summary>
    Modcount,
    /// <summary>atomic_t failed_kreads: loads that failed reading the image.</summary>
    FailedKreads,
    /// <summary>atomic_t failed_decompress: loads that failed decompressing.</summary>
    FailedDecompress,
}

/// <summary>enum fail_dup_mod_reason (kernel/module/internal.h): where a duplicate load was caught.</summary>
public enum FailDupModReason
{
    /// <summary>FAIL_DUP_MOD_BECOMING: in early_mod_check(), before layout_and_allocate().</summary>
    Becoming = 0,
    /// <summary>FAIL_DUP_MOD_LOAD: in add_unformed_module(), after a private copy was allocated.</summary>
    Load = 1,
}

/// <summary>One struct mod_fail_load of dup_failed_modules.</summary>
/// <param name="Name">The module name.</param>
/// <param name="Count">How many duplicate loads failed.</param>
/// <param name="DupFailMask">Bit n set for <see cref="FailDupModReason"/> n.</param>
public sealed record ModFailLoad(string Name, long Count, ulong DupFailMask);

/// <summary>The module statistics of one simulated boot. Owned by one actor; not thread-safe.</summary>
public sealed class ModuleStats
{
    private const int MAX_PREAMBLE = 1024;
    private const int MAX_FAILED_MOD_PRINT = 112;
    private const int MAX_BYTES_PER_MOD = 64;

    private readonly bool _decompress;
    private readonly List<ModFailLoad> _dupFailedModules = [];

    /// <summary>Statistics for a kernel built with <paramref name="config"/> (no-ops unless ModuleStats is set).</summary>
    public ModuleStats(KernelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Enabled = config.ModuleStats;
        _decompress = config.ModuleDecompress;
    }

    /// <summary>CONFIG_MODULE_STATS: whether counting happens and /sys/kernel/debug/modules/stats exists.</summary>
    public bool Enabled { get; }

    /// <summary>total_mod_size.</summary>
    public long total_mod_size { get; private set; }

    /// <summary>total_text_size.</summary>
    public long total_text_size { get; private set; }

    /// <summary>invalid_kread_bytes.</summary>
    public long invalid_kread_bytes { get; private set; }

    /// <summary>invalid_decompress_bytes.</summary>
    public long invalid_decompress_bytes { get; private set; }

    /// <summary>invalid_becoming_bytes: bytes read for loads that failed before a module was allocated.</summary>
    public long invalid_becoming_bytes { get; private set; }

    /// <summary>invalid_mod_bytes: bytes wasted by loads that failed after allocating the module (twice the image).</summary>
    public long invalid_mod_bytes { get; private set; }

    /// <summary>modcount.</summary>
    public int modcount { get; private set; }

    /// <summary>failed_kreads.</summary>
    public int failed_kreads { get; private set; }

    /// <summary>failed_decompress.</summary>
    public int failed_decompress { get; private set; }

    /// <summary>failed_becoming: loads that failed before the module was allocated.</summary>
    public int failed_becoming { get; private set; }

    /// <summary>failed_load_modules: loads that failed after the module was allocated.</summary>
    public int failed_load_modules { get; private set; }

    /// <summary>dup_failed_modules, newest first.</summary>
    public IReadOnlyList<ModFailLoad> dup_failed_modules => _dupFailedModules;

    /// <summary>mod_stat_inc(&amp;counter).</summary>
    public void mod_stat_inc(ModStatCounter counter) => mod_stat_add_long(1, counter);

    /// <summary>mod_stat_add_long(count, &amp;counter).</summary>
    public void mod_stat_add_long(long count, ModStatCounter counter)
    {
        if (!Enabled)
            return;
        switch (counter)
        {
            case ModStatCounter.TotalModSize:
                total_mod_size += count;
                break;
            case ModStatCounter.TotalTextSize:
                total_text_size += count;
                break;
            case ModStatCounter.InvalidKreadBytes:
                invalid_kread_bytes += count;
                break;
            case ModStatCounter.InvalidDecompressBytes:
                invalid_decompress_bytes += count;
                break;
            case ModStatCounter.Modcount:
                modcount += (int)count;
                break;
            case ModStatCounter.FailedKreads:
                failed_kreads += (int)count;
                break;
            case ModStatCounter.FailedDecompress:
                failed_decompress += (int)count;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(counter), counter, "not a stats.c counter");
        }
    }

    /// <summary>
    /// mod_stat_bump_invalid(info, flags): a load failed after allocating the module: invalid_mod_bytes grows by
    /// twice the image length (plus the compressed length for MODULE_INIT_COMPRESSED_FILE) and failed_load_modules by 1.
    /// </summary>
    public void mod_stat_bump_invalid(long len, long compressedLen, ModuleInitFlags flags)
    {
        if (!Enabled)
            return;
        invalid_mod_bytes += len * 2;
        failed_load_modules++;
        if (_decompress && (flags & ModuleInitFlags.CompressedFile) != 0)
            invalid_mod_bytes += compressedLen;
    }

    /// <summary>
    /// mod_stat_bump_becoming(info, flags): a load failed before the module was allocated: failed_becoming grows by
    /// 1 and invalid_becoming_bytes by the image length (plus the compressed length for a compressed file).
    /// </summary>
    public void mod_stat_bump_becoming(long len, long compressedLen, ModuleInitFlags flags)
    {
        if (!Enabled)
            return;
        failed_becoming++;
        invalid_becoming_bytes += len;
        if (_decompress && (flags & ModuleInitFlags.CompressedFile) != 0)
            invalid_becoming_bytes += compressedLen;
    }

    /// <summary>
    /// try_add_failed_module(name, reason): counts a duplicate load of <paramref name="name"/>, adding it at the head
    /// of dup_failed_modules the first time. Returns 0 (the kernel's -ENOMEM cannot happen here).
    /// </summary>
    public int try_add_failed_module(string name, FailDupModReason reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Enabled)
            return 0;
        ulong bit = 1UL << (int)reason;
        int i = _dupFailedModules.FindIndex(m => m.Name == name);
        if (i >= 0)
        {
            ModFailLoad old = _dupFailedModules[i];
            _dupFailedModules[i] = old with { Count = old.Count + 1, DupFailMask = old.DupFailMask | bit };
        }
        else
        {
            _dupFailedModules.Insert(0, new ModFailLoad(name, 1, bit));
        }
        return 0;
    }

    /// <summary>mod_fail_to_str(): "Becoming &amp; Load", "Becoming", "Load" or "Bug-on-stats".</summary>
    public static string mod_fail_to_str(ModFailLoad modFail)
    {
        ArgumentNullException.ThrowIfNull(modFail);
        bool becoming = (modFail.DupFailMask & (1UL << (int)FailDupModReason.Becoming)) != 0;
        bool load = (modFail.DupFailMask & (1UL << (int)FailDupModReason.Load)) != 0;
        return (becoming, load) switch
        {
            (true, true) => "Becoming & Load",
            (true, false) => "Becoming",
            (false, true) => "Load",
            _ => "Bug-on-stats",
        };
    }

    /// <summary>
    /// read_file_mod_stats(): the text of /sys/kernel/debug/modules/stats. Each line is "%25s\t%u\n" (names right
    /// aligned to 25 columns); averages appear only when their counters are nonzero; the duplicate table only when
    /// some duplicate failed. Text past the kernel's buffer (1024 + 64 per failure) is cut off as scnprintf does.
    /// </summary>
    public string read_file_mod_stats()
    {
        uint liveModCount = (uint)modcount, fkreads = (uint)failed_kreads, fdecompress = (uint)failed_decompress;
        uint fbecoming = (uint)failed_becoming, floads = (uint)failed_load_modules;
        ulong totalSize = (ulong)total_mod_size, textSize = (ulong)total_text_size;
        ulong ikreadBytes = (ulong)invalid_kread_bytes, idecompressBytes = (ulong)invalid_decompress_bytes;
        ulong ibecomingBytes = (ulong)invalid_becoming_bytes, imodBytes = (ulong)invalid_mod_bytes;
        ulong totalVirtualLost = ikreadBytes + idecompressBytes + ibecomingBytes + imodBytes;

        int size = MAX_PREAMBLE + (int)Math.Min(floads + fbecoming, (uint)MAX_FAILED_MOD_PRINT) * MAX_BYTES_PER_MOD;
        var buf = new ScnprintfBuffer(size);

        buf.Line("Mods ever loaded", liveModCount);
        buf.Line("Mods failed on kread", fkreads);
        buf.Line("Mods failed on decompress", fdecompress);
        buf.Line("Mods failed on becoming", fbecoming);
        buf.Line("Mods failed on load", floads);
        buf.Line("Total module size", totalSize);
        buf.Line("Total mod text size", textSize);
        buf.Line("Failed kread bytes", ikreadBytes);
        buf.Line("Failed decompress bytes", idecompressBytes);
        buf.Line("Failed becoming bytes", ibecomingBytes);
        buf.Line("Failed kmod bytes", imodBytes);
        buf.Line("Virtual mem wasted bytes", totalVirtualLost);

        if (liveModCount != 0 && totalSize != 0)
            buf.Line("Average mod size", DIV_ROUND_UP(totalSize, liveModCount));
        if (liveModCount != 0 && textSize != 0)
            buf.Line("Average mod text size", DIV_ROUND_UP(textSize, liveModCount));
        if (fkreads != 0 && ikreadBytes != 0)
            buf.Line("Avg fail kread bytes", DIV_ROUND_UP(ikreadBytes, fkreads));
        if (fbecoming != 0 && ibecomingBytes != 0)
            buf.Line("Avg fail becoming bytes", DIV_ROUND_UP(ibecomingBytes, fbecoming));
        if (fdecompress != 0 && idecompressBytes != 0)
            buf.Line("Avg fail decomp bytes", DIV_ROUND_UP(idecompressBytes, fdecompress));
        if (floads != 0 && imodBytes != 0)
            buf.Line("Average fail load bytes", DIV_ROUND_UP(imodBytes, floads));

        if (_dupFailedModules.Count == 0)
            return buf.ToString();

        buf.Append("Duplicate failed modules:\n");
        buf.Append(string.Create(CultureInfo.InvariantCulture, $"{"Module-name",25}\t{"How-many-times",15}\t{"Reason",25}\n"));
        int countFailed = 0;
        foreach (ModFailLoad modFail in _dupFailedModules)
        {
            if (++countFailed >= MAX_FAILED_MOD_PRINT)
                break;
            buf.Append(string.Create(CultureInfo.InvariantCulture,
                $"{modFail.Name,25}\t{modFail.Count,15}\t{mod_fail_to_str(modFail),25}\n"));
        }
        return buf.ToString();
    }

    private static ulong DIV_ROUND_UP(ulong n, ulong d) => (n + d - 1) / d;

    /// <summary>A char buffer of fixed size filled by scnprintf(): each append keeps at most size - len - 1 chars.</summary>
    private sealed class ScnprintfBuffer(int size)
    {
        private readonly StringBuilder _sb = new();

        public void Append(string s)
        {
            int room = size - _sb.Length - 1;
            if (room > 0)
                _sb.Append(s.AsSpan(0, Math.Min(s.Length, room)));
        }

        public void Line(string name, ulong value) =>
            Append(string.Create(CultureInfo.InvariantCulture, $"{name,25}\t{value}\n"));

        public override string ToString() => _sb.ToString();
    }
}
