// Models the kernel log ring (kernel/printk/printk.c) as dmesg shows it: printk records with a log level and a
// local_clock() timestamp, rendered by print_time() as "[%5lu.%06lu]". Time is the simulation's virtual clock,
// never the wall clock. The *_once variants model DO_ONCE_LITE (include/linux/once_lite.h): one static flag per
// call site, so a site prints once per boot whatever its arguments. pr_debug lines are dropped, as dynamic debug
// is off by default. WARN_ONCE models __warn_printk() + __warn() (kernel/panic.c) without the stack dump.
using System.Globalization;
using System.Text;

namespace ModActors.Kernel;

/// <summary>printk log levels (include/linux/kern_levels.h, KERN_EMERG "0" .. KERN_DEBUG "7").</summary>
public enum LogLevel
{
    /// <summary>KERN_EMERG: system is unusable.</summary>
    Emerg = 0,
    /// <summary>KERN_ALERT: action must be taken immediately.</summary>
    Alert = 1,
    /// <summary>KERN_CRIT: critical conditions.</summary>
    Crit = 2,
    /// <summary>KERN_ERR (pr_err): error conditions.</summary>
    Err = 3,
    /// <summary>KERN_WARNING (pr_warn): warning conditions.</summary>
    Warning = 4,
    /// <summary>KERN_NOTICE (pr_notice): normal but significant condition.</summary>
    Notice = 5,
    /// <summary>KERN_INFO (pr_info): informational.</summary>
    Info = 6,
    /// <summary>KERN_DEBUG (pr_debug): debug-level messages.</summary>
    Debug = 7,
}

/// <summary>One printk record: sequence number, virtual timestamp, level and text (no trailing newline).</summary>
/// <param name="Sequence">Position in the log, from 0.</param>
/// <param name="Timestamp">Virtual local_clock() time of the printk.</param>
/// <param name="Level">The record's log level.</param>
/// <param name="Text">The message, pr_fmt prefix included, without the trailing newline.</param>
public sealed record LogLine(long Sequence, TimeSpan Timestamp, LogLevel Level, string Text)
{
    /// <summary>
    /// The record as dmesg prints it: "[    2.345678] text" ("[2.345678] text" with <paramref name="oracleStyle"/>,
    /// as the oracle's run.sh prints it). A record with embedded newlines prints one line per text line, each with
    /// the same prefix (record_print_text()).
    /// </summary>
    public string Render(bool oracleStyle = false)
    {
        string prefix = KernelLog.print_time(Timestamp, padded: !oracleStyle);
        if (!Text.Contains('\n', StringComparison.Ordinal))
            return prefix + " " + Text;
        var sb = new StringBuilder();
        string[] parts = Text.Split('\n');
        for (int i = 0; i < parts.Length; i++)
        {
            if (i > 0)
                sb.Append('\n');
            sb.Append(prefix).Append(' ').Append(parts[i]);
        }
        return sb.ToString();
    }

    /// <summary>The record as dmesg prints it (see <see cref="Render"/>).</summary>
    public override string ToString() => Render();
}

/// <summary>The simulated kernel log (dmesg). Deterministic: timestamps come from the given virtual clock.</summary>
public sealed class KernelLog
{
    private readonly Func<TimeSpan> _clock;
    private readonly List<LogLine> _lines = [];
    private readonly HashSet<string> _onceDone = new(StringComparer.Ordinal);

    /// <summary>A log whose timestamps are read from <paramref name="clock"/> (virtual local_clock()).</summary>
    public KernelLog(Func<TimeSpan> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    /// <summary>A log whose every timestamp is zero (for callers that do not track time).</summary>
    public KernelLog()
        : this(static () => TimeSpan.Zero)
    {
    }

    /// <summary>All records, oldest first.</summary>
    public IReadOnlyList<LogLine> Lines => _lines;

    /// <summary>Appends one record at the current virtual time. A trailing newline is dropped, as printk does.</summary>
    public LogLine printk(LogLevel level, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.EndsWith('\n'))
            text = text[..^1];
        var line = new LogLine(_lines.Count, _clock(), level, text);
        _lines.Add(line);
        return line;
    }

    /// <summary>
    /// printk_once: appends the record only the first time call site <paramref name="site"/> prints in this boot.
    /// Returns whether it printed.
    /// </summary>
    public bool printk_once(string site, LogLevel level, string text)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (!_onceDone.Add(site))
            return false;
        printk(level, text);
        return true;
    }

    /// <summary>Whether call site <paramref name="site"/> has already fired its once-per-boot message.</summary>
    public bool OnceDone(string site) => _onceDone.Contains(site);

    /// <summary>A printer that puts <paramref name="prFmt"/> (a pr_fmt prefix such as "slow: ") before each message.</summary>
    public PrFmt WithPrefix(string prFmt) => new(this, prFmt);

    /// <summary>pr_err without a pr_fmt prefix (kernel/module/main.c and kernel/params.c define none).</summary>
    public void pr_err(string text) => printk(LogLevel.Err, text);

    /// <summary>pr_warn without a pr_fmt prefix.</summary>
    public void pr_warn(string text) => printk(LogLevel.Warning, text);

    /// <summary>pr_notice without a pr_fmt prefix.</summary>
    public void pr_notice(string text) => printk(LogLevel.Notice, text);

    /// <summary>pr_info without a pr_fmt prefix.</summary>
    public void pr_info(string text) => printk(LogLevel.Info, text);

    /// <summary>pr_debug: dropped (dynamic debug is off by default), so it never reaches the log.</summary>
#pragma warning disable CA1822 // kept an instance method so call sites read like the kernel's
    public void pr_debug(string text) => ArgumentNullException.ThrowIfNull(text);
#pragma warning restore CA1822

    /// <summary>pr_err_once for call site <paramref name="site"/>.</summary>
    public bool pr_err_once(string site, string text) => printk_once(site, LogLevel.Err, text);

    /// <summary>pr_warn_once for call site <paramref name="site"/>.</summary>
    public bool pr_warn_once(string site, string text) => printk_once(site, LogLevel.Warning, text);

    /// <summary>pr_notice_once for call site <paramref name="site"/>.</summary>
    public bool pr_notice_once(string site, string text) => printk_once(site, LogLevel.Notice, text);

    /// <summary>pr_info_once for call site <paramref name="site"/>.</summary>
    public bool pr_info_once(string site, string text) => printk_once(site, LogLevel.Info, text);

    /// <summary>
    /// WARN_ONCE(condition, message) at call site <paramref name="site"/>: the first time the condition holds, logs
    /// "------------[ cut here ]------------", the message, "WARNING: CPU: 0 PID: {pid} at {location}" and
    /// "---[ end trace 0000000000000000 ]---" (no module list, registers or stack), then taints the kernel with
    /// TAINT_WARN. Returns the condition, as WARN_ONCE does.
    /// </summary>
    public bool WARN_ONCE(string site, bool condition, string message, int pid, string location, KernelTaint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        if (!condition || !_onceDone.Add(site))
            return condition;
        return WARN(condition, message, pid, location, taint);
    }

    /// <summary>WARN(condition, message): as <see cref="WARN_ONCE"/>, every time the condition holds.</summary>
    public bool WARN(bool condition, string message, int pid, string location, KernelTaint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        if (!condition)
            return false;
        pr_warn("------------[ cut here ]------------");
        printk(LogLevel.Warning, message);
        pr_warn(string.Create(CultureInfo.InvariantCulture, $"WARNING: CPU: 0 PID: {pid} at {location}"));
        pr_warn("---[ end trace 0000000000000000 ]---");
        taint.add_taint(TaintFlag.Warn, LockdepOk.StillOk, this);
        return true;
    }

    /// <summary>Whether any record's text contains <paramref name="fragment"/> (ordinal).</summary>
    public bool Contains(string fragment) =>
        _lines.Exists(l => l.Text.Contains(fragment, StringComparison.Ordinal));

    /// <summary>The texts of all records, oldest first, without timestamps.</summary>
    public IReadOnlyList<string> Texts() => _lines.ConvertAll(l => l.Text);

    /// <summary>The texts of the records appended at or after <paramref name="sequence"/>.</summary>
    public IReadOnlyList<string> TextsSince(long sequence) =>
        _lines.Where(l => l.Sequence >= sequence).Select(l => l.Text).ToList();

    /// <summary>
    /// The whole log as dmesg prints it, one line per text line, each ending in '\n'. With
    /// <paramref name="oracleStyle"/> timestamps lose their padding ("[12.640596]"), as the oracle's run.sh prints
    /// kernel lines.
    /// </summary>
    public string Dmesg(bool oracleStyle = false)
    {
        var sb = new StringBuilder();
        foreach (LogLine line in _lines)
            sb.Append(line.Render(oracleStyle)).Append('\n');
        return sb.ToString();
    }

    /// <summary>print_time(): "[%5lu.%06lu]", seconds and microseconds of the timestamp.</summary>
    public static string print_time(TimeSpan ts) => print_time(ts, padded: true);

    internal static string print_time(TimeSpan ts, bool padded)
    {
        if (ts < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ts), ts, "a local_clock() time cannot be negative");
        long ns = ts.Ticks * 100;
        long seconds = ns / 1_000_000_000;
        long micros = ns % 1_000_000_000 / 1000;
        return padded
            ? string.Create(CultureInfo.InvariantCulture, $"[{seconds,5}.{micros:D6}]")
            : string.Create(CultureInfo.InvariantCulture, $"[{seconds}.{micros:D6}]");
    }
}

/// <summary>A printer with a pr_fmt prefix, for code that defines <c>pr_fmt(fmt) "name: " fmt</c>.</summary>
public readonly struct PrFmt
{
    private readonly KernelLog _log;

    internal PrFmt(KernelLog log, string prefix)
    {
        _log = log;
        Prefix = prefix;
    }

    /// <summary>The pr_fmt prefix, e.g. "slow: ".</summary>
    public string Prefix { get; }

    /// <summary>pr_err(fmt): logs the prefix and text at KERN_ERR.</summary>
    public void pr_err(string text) => _log.printk(LogLevel.Err, Prefix + text);

    /// <summary>pr_warn(fmt): logs the prefix and text at KERN_WARNING.</summary>
    public void pr_warn(string text) => _log.printk(LogLevel.Warning, Prefix + text);

    /// <summary>pr_notice(fmt): logs the prefix and text at KERN_NOTICE.</summary>
    public void pr_notice(string text) => _log.printk(LogLevel.Notice, Prefix + text);

    /// <summary>pr_info(fmt): logs the prefix and text at KERN_INFO.</summary>
    public void pr_info(string text) => _log.printk(LogLevel.Info, Prefix + text);

    /// <summary>pr_err_once at call site <paramref name="site"/>.</summary>
    public bool pr_err_once(string site, string text) => _log.printk_once(site, LogLevel.Err, Prefix + text);

    /// <summary>pr_warn_once at call site <paramref name="site"/>.</summary>
    public bool pr_warn_once(string site, string text) => _log.printk_once(site, LogLevel.Warning, Prefix + text);

    /// <summary>pr_notice_once at call site <paramref name="site"/>.</summary>
    public bool pr_notice_once(string site, string text) => _log.printk_once(site, LogLevel.Notice, Prefix + text);

    /// <summary>pr_info_once at call site <paramref name="site"/>.</summary>
    public bool pr_info_once(string site, string text) => _log.printk_once(site, LogLevel.Info, Prefix + text);
}
