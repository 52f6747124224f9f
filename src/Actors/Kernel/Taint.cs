// Models kernel taint (kernel/panic.c: taint_flags[], add_taint(), test_taint(), get_taint(), print_tainted(),
// print_tainted_verbose(); kernel/sysctl.c proc_taint for /proc/sys/kernel/tainted) and the per-module taint text
// of kernel/module/main.c (module_flags_taint(), module_flags(), add_taint_module()).
using System.Globalization;
using System.Text;

namespace ModActors.Kernel;

/// <summary>Taint flag bit numbers (include/linux/panic.h TAINT_*).</summary>
public enum TaintFlag
{
    /// <summary>TAINT_PROPRIETARY_MODULE: 'P' (else 'G'), per-module.</summary>
    ProprietaryModule = 0,
    /// <summary>TAINT_FORCED_MODULE: 'F', per-module.</summary>
    ForcedModule = 1,
    /// <summary>TAINT_CPU_OUT_OF_SPEC: 'S'.</summary>
    CpuOutOfSpec = 2,
    /// <summary>TAINT_FORCED_RMMOD: 'R'.</summary>
    ForcedRmmod = 3,
    /// <summary>TAINT_MACHINE_CHECK: 'M'.</summary>
    MachineCheck = 4,
    /// <summary>TAINT_BAD_PAGE: 'B'.</summary>
    BadPage = 5,
    /// <summary>TAINT_USER: 'U'.</summary>
    User = 6,
    /// <summary>TAINT_DIE: 'D'.</summary>
    Die = 7,
    /// <summary>TAINT_OVERRIDDEN_ACPI_TABLE: 'A'.</summary>
    OverriddenAcpiTable = 8,
    /// <summary>TAINT_WARN: 'W'.</summary>
    Warn = 9,
    /// <summary>TAINT_CRAP: 'C' (staging driver), per-module.</summary>
    Crap = 10,
    /// <summary>TAINT_FIRMWARE_WORKAROUND: 'I'.</summary>
    FirmwareWorkaround = 11,
    /// <summary>TAINT_OOT_MODULE: 'O' (out-of-tree module), per-module.</summary>
    OotModule = 12,
    /// <summary>TAINT_UNSIGNED_MODULE: 'E' (unsigned module), per-module.</summary>
    UnsignedModule = 13,
    /// <summary>TAINT_SOFTLOCKUP: 'L'.</summary>
    Softlockup = 14,
    /// <summary>TAINT_LIVEPATCH: 'K', per-module.</summary>
    Livepatch = 15,
    /// <summary>TAINT_AUX: 'X', per-module.</summary>
    Aux = 16,
    /// <summary>TAINT_RANDSTRUCT: 'T', per-module.</summary>
    Randstruct = 17,
    /// <summary>TAINT_TEST: 'N' (test module), per-module.</summary>
    Test = 18,
}

/// <summary>enum lockdep_ok: whether lock debugging stays reliable after a taint.</summary>
public enum LockdepOk
{
    /// <summary>LOCKDEP_STILL_OK.</summary>
    StillOk,
    /// <summary>LOCKDEP_NOW_UNRELIABLE: the first such taint logs "Disabling lock debugging due to kernel taint".</summary>
    NowUnreliable,
}

/// <summary>One row of taint_flags[]: the letters printed when set and unset, whether it is also a module taint.</summary>
/// <param name="CTrue">Letter printed when the flag is set.</param>
/// <param name="CFalse">Letter printed when it is not set (' ' except 'G' for TAINT_PROPRIETARY_MODULE).</param>
/// <param name="Module">Whether the flag is also shown per module.</param>
/// <param name="Desc">The flag's name without TAINT_, as print_tainted_verbose() shows it.</param>
public sealed record TaintFlagInfo(char CTrue, char CFalse, bool Module, string Desc);

/// <summary>The taint_flags[] table and the per-module taint text of kernel/module/main.c.</summary>
public static class Taint
{
    /// <summary>TAINT_FLAGS_COUNT.</summary>
    public const int TAINT_FLAGS_COUNT = 19;

    /// <summary>MODULE_FLAGS_BUF_SIZE (kernel/module/internal.h): TAINT_FLAGS_COUNT + 4.</summary>
    public const int MODULE_FLAGS_BUF_SIZE = TAINT_FLAGS_COUNT + 4;

    /// <summary>taint_flags[], indexed by <see cref="TaintFlag"/>.</summary>
    public static IReadOnlyList<TaintFlagInfo> taint_flags { get; } =
    [
        new('P', 'G', true, "PROPRIETARY_MODULE"),
        new('F', ' ', true, "FORCED_MODULE"),
        new('S', ' ', false, "CPU_OUT_OF_SPEC"),
        new('R', ' ', false, "FORCED_RMMOD"),
        new('M', ' ', false, "MACHINE_CHECK"),
        new('B', ' ', false, "BAD_PAGE"),
        new('U', ' ', false, "USER"),
        new('D', ' ', false, "DIE"),
        new('A', ' ', false, "OVERRIDDEN_ACPI_TABLE"),
        new('W', ' ', false, "WARN"),
        new('C', ' ', true, "CRAP"),
        new('I', ' ', false, "FIRMWARE_WORKAROUND"),
        new('O', ' ', true, "OOT_MODULE"),
        new('E', ' ', true, "UNSIGNED_MODULE"),
        new('L', ' ', false, "SOFTLOCKUP"),
        new('K', ' ', true, "LIVEPATCH"),
        new('X', ' ', true, "AUX"),
        new('T', ' ', true, "RANDSTRUCT"),
        new('N', ' ', true, "TEST"),
    ];

    /// <summary>The mask bit of a flag (1UL &lt;&lt; flag).</summary>
    public static ulong Bit(TaintFlag flag) => 1UL << (int)flag;

    /// <summary>
    /// module_flags_taint(): the letters of the module taints that are set, in taint_flags[] order,
    /// e.g. "OE" for an unsigned out-of-tree module; "" when none. Non-module flags are not shown.
    /// </summary>
    public static string module_flags_taint(ulong taints)
    {
        var sb = new StringBuilder(TAINT_FLAGS_COUNT);
        for (int i = 0; i < TAINT_FLAGS_COUNT; i++)
        {
            if (taint_flags[i].Module && (taints & (1UL << i)) != 0)
                sb.Append(taint_flags[i].CTrue);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The mask for taint letters as module_flags_taint() or print_tainted() prints them ("OE" → 12288); blanks and
    /// 'G' (the "not proprietary" letter) are skipped. Throws <see cref="FormatException"/> naming an unknown letter.
    /// </summary>
    public static ulong ParseLetters(string letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        ulong mask = 0;
        foreach (char c in letters)
        {
            if (c is ' ' or 'G')
                continue;
            int i = 0;
            while (i < TAINT_FLAGS_COUNT && taint_flags[i].CTrue != c)
                i++;
            if (i == TAINT_FLAGS_COUNT)
                throw new FormatException($"'{c}' in \"{letters}\" is not a taint letter (PFSRMBUDAWCIOELKXTN)");
            mask |= 1UL << i;
        }
        return mask;
    }

    /// <summary>
    /// module_flags(): "(OE)" for a tainted module; with <paramref name="showState"/>, "(OE+)" while COMING and
    /// "(OE-)" while GOING, and "(+)"/"(-)" for an untainted module in those states; "" for an untainted LIVE
    /// module. An UNFORMED module is a kernel BUG_ON and throws here.
    /// </summary>
    public static string module_flags(ulong taints, ModuleState state, bool showState)
    {
        if (state == ModuleState.Unformed)
            throw new InvalidOperationException("module_flags() of an UNFORMED module (BUG_ON in the kernel)");
        if (taints == 0 && !showState)
            return "";
        if (taints == 0 && state != ModuleState.Going && state != ModuleState.Coming)
            return "";
        var sb = new StringBuilder(MODULE_FLAGS_BUF_SIZE);
        sb.Append('(').Append(module_flags_taint(taints));
        if (state == ModuleState.Going && showState)
            sb.Append('-');
        if (state == ModuleState.Coming && showState)
            sb.Append('+');
        sb.Append(')');
        return sb.ToString();
    }
}

/// <summary>
/// The kernel-wide tainted_mask of one simulated boot, and whether lock debugging is still on (debug_locks).
/// Owned by one actor; not thread-safe.
/// </summary>
public sealed class KernelTaint
{
    private bool _debugLocks = true;

    /// <summary>tainted_mask: bit n set when <see cref="TaintFlag"/> n is set.</summary>
    public ulong tainted_mask { get; private set; }

    /// <summary>
    /// add_taint(): sets the flag. The first <see cref="LockdepOk.NowUnreliable"/> taint of the boot turns lock
    /// debugging off and logs "Disabling lock debugging due to kernel taint" (as a forced rmmod does, oracle F13).
    /// </summary>
    public void add_taint(TaintFlag flag, LockdepOk lockdepOk, KernelLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (lockdepOk == LockdepOk.NowUnreliable && _debugLocks)
        {
            _debugLocks = false;
            log.pr_warn("Disabling lock debugging due to kernel taint");
        }
        tainted_mask |= Taint.Bit(flag);
    }

    /// <summary>
    /// add_taint_module(): add_taint() plus the flag in the module's own taints; returns the module's new taints.
    /// </summary>
    public ulong add_taint_module(ulong moduleTaints, TaintFlag flag, LockdepOk lockdepOk, KernelLog log)
    {
        add_taint(flag, lockdepOk, log);
        return moduleTaints | Taint.Bit(flag);
    }

    /// <summary>test_taint().</summary>
    public bool test_taint(TaintFlag flag) => (tainted_mask & Taint.Bit(flag)) != 0;

    /// <summary>get_taint(): the mask, as /proc/sys/kernel/tainted shows it (12288 for "OE").</summary>
    public ulong get_taint() => tainted_mask;

    /// <summary>Whether lock debugging is still on (no NowUnreliable taint yet).</summary>
    public bool debug_locks => _debugLocks;

    /// <summary>
    /// The read of /proc/sys/kernel/tainted (proc_taint → proc_doulongvec_minmax): the mask in decimal and '\n'.
    /// </summary>
    public string proc_sys_kernel_tainted() =>
        tainted_mask.ToString(CultureInfo.InvariantCulture) + "\n";

    /// <summary>
    /// print_tainted(): "Not tainted", or "Tainted: " and one letter or blank per flag, e.g.
    /// "Tainted: G           OE     " for an unsigned out-of-tree module.
    /// </summary>
    public string print_tainted() => print_tainted_seq(verbose: false);

    /// <summary>print_tainted_verbose(): "Tainted: [O]=OOT_MODULE, [E]=UNSIGNED_MODULE" or "Not tainted".</summary>
    public string print_tainted_verbose() => print_tainted_seq(verbose: true);

    private string print_tainted_seq(bool verbose)
    {
        if (tainted_mask == 0)
            return "Not tainted";
        var sb = new StringBuilder("Tainted: ");
        string sep = "";
        for (int i = 0; i < Taint.TAINT_FLAGS_COUNT; i++)
        {
            TaintFlagInfo t = Taint.taint_flags[i];
            bool isSet = (tainted_mask & (1UL << i)) != 0;
            char c = isSet ? t.CTrue : t.CFalse;
            if (verbose)
            {
                if (isSet)
                {
                    sb.Append(sep).Append('[').Append(c).Append("]=").Append(t.Desc);
                    sep = ", ";
                }
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
