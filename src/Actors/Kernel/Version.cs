// Models kernel/module/version.c (check_version(), check_modstruct_version(), same_magic()) and the two callers in
// kernel/module/main.c whose outcome depends on them: try_to_force_load() and the vermagic half of check_modinfo().
// Messages are the kernel's format strings; MODULE_INIT_IGNORE_MODVERSIONS makes the module look as if it had no
// __versions section (rewrite_section_headers sets info->index.vers = 0) and MODULE_INIT_IGNORE_VERMAGIC drops its
// vermagic, both of which lead to a forced load.
using ModActors.Elf;

namespace ModActors.Kernel;

/// <summary>What version.c reads of a load_info: the module's names and its __versions table.</summary>
/// <param name="InfoName">info->name (from .modinfo name=), used in version messages.</param>
/// <param name="ModName">mod->name (the on-disk struct module name), used by try_to_force_load().</param>
/// <param name="Versions">The __versions entries, or null when info->index.vers == 0 (no section, or
/// MODULE_INIT_IGNORE_MODVERSIONS).</param>
public sealed record VersionInfo(string InfoName, string ModName, IReadOnlyList<ModVersion>? Versions)
{
    /// <summary>
    /// The view after rewrite_section_headers(): <paramref name="versions"/> is dropped when
    /// <paramref name="flags"/> has <see cref="ModuleInitFlags.IgnoreModversions"/> or the section is absent (null).
    /// </summary>
    public static VersionInfo Create(string infoName, string modName, IReadOnlyList<ModVersion>? versions,
        ModuleInitFlags flags) =>
        new(infoName, modName, (flags & ModuleInitFlags.IgnoreModversions) != 0 ? null : versions);
}

/// <summary>Symbol version and vermagic checks (kernel/module/version.c).</summary>
public static class ModuleVersion
{
    /// <summary>The CRC of module_layout exported by Debian's 6.12.117 vmlinux (Module.symvers).</summary>
    public const uint ModuleLayoutCrc = 0x2f9b2b9a;

    /// <summary>
    /// try_to_force_load(mod, reason): with CONFIG_MODULE_FORCE_LOAD logs "%s: %s: kernel tainted." (only while
    /// the kernel is not yet TAINT_FORCED_MODULE) and taints the module and kernel 'F'; returns 0. Without it, -ENOEXEC.
    /// </summary>
    public static int try_to_force_load(string modName, string reason, ref ulong moduleTaints, KernelConfig config,
        KernelTaint taint, KernelLog log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(taint);
        ArgumentNullException.ThrowIfNull(log);
        if (!config.ModuleForceLoad)
            return -Errno.ENOEXEC;
        if (!taint.test_taint(TaintFlag.ForcedModule))
            log.pr_warn($"{modName}: {reason}: kernel tainted.");
        moduleTaints = taint.add_taint_module(moduleTaints, TaintFlag.ForcedModule, LockdepOk.NowUnreliable, log);
        return 0;
    }

    /// <summary>
    /// check_version(info, symname, mod, crc): true when the import may bind. An exporter without CRCs
    /// (<paramref name="crc"/> null) passes; a module without __versions is force-loaded; otherwise the entry for
    /// <paramref name="symname"/> must exist ("%s: no symbol version for %s") and match
    /// ("%s: disagrees about version of symbol %s"), the stored unsigned long compared with the u32 CRC.
    /// </summary>
    public static bool check_version(VersionInfo info, string symname, uint? crc, ref ulong moduleTaints,
        KernelConfig config, KernelTaint taint, KernelLog log)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(log);
        if (crc is null)
            return true;
        if (info.Versions is null)
            return try_to_force_load(info.ModName, symname, ref moduleTaints, config, taint, log) == 0;

        foreach (ModVersion v in info.Versions)
        {
            if (v.Name != symname)
                continue;
            if (v.Crc == crc.Value)
                return true;
            log.pr_warn($"{info.InfoName}: disagrees about version of symbol {symname}");
            return false;
        }
        log.pr_warn($"{info.InfoName}: no symbol version for {symname}");
        return false;
    }

    /// <summary>
    /// check_modstruct_version(): check_version() of "module_layout" against vmlinux's CRC. early_mod_check() turns
    /// false into -ENOEXEC.
    /// </summary>
    public static bool check_modstruct_version(VersionInfo info, ref ulong moduleTaints, KernelConfig config,
        KernelTaint taint, KernelLog log, uint moduleLayoutCrc = ModuleLayoutCrc) =>
        check_version(info, "module_layout", moduleLayoutCrc, ref moduleTaints, config, taint, log);

    /// <summary>
    /// same_magic(amagic, bmagic, has_crcs): equal strings; with CRCs, the first word (the kernel release) is
    /// skipped in both.
    /// </summary>
    public static bool same_magic(string amagic, string bmagic, bool hasCrcs)
    {
        ArgumentNullException.ThrowIfNull(amagic);
        ArgumentNullException.ThrowIfNull(bmagic);
        if (hasCrcs)
        {
            amagic = amagic[strcspn(amagic, ' ')..];
            bmagic = bmagic[strcspn(bmagic, ' ')..];
        }
        return string.Equals(amagic, bmagic, StringComparison.Ordinal);
    }

    private static int strcspn(string s, char reject)
    {
        int i = s.IndexOf(reject, StringComparison.Ordinal);
        return i < 0 ? s.Length : i;
    }

    /// <summary>
    /// check_modinfo(mod, info, flags), vermagic part: a missing vermagic (or MODULE_INIT_IGNORE_VERMAGIC) is
    /// try_to_force_load(mod, "bad vermagic"); a different one is -ENOEXEC with "%s: version magic '%s' should be
    /// '%s'". Returns 0 or a negative errno. (Its livepatch part always passes with CONFIG_LIVEPATCH.)
    /// </summary>
    public static int check_modinfo(VersionInfo info, string? modmagic, ModuleInitFlags flags, ref ulong moduleTaints,
        KernelConfig config, KernelTaint taint, KernelLog log)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(log);
        if ((flags & ModuleInitFlags.IgnoreVermagic) != 0)
            modmagic = null;

        if (modmagic is null)
        {
            int err = try_to_force_load(info.ModName, "bad vermagic", ref moduleTaints, config, taint, log);
            if (err != 0)
                return err;
        }
        else if (!same_magic(modmagic, config.Vermagic, info.Versions is not null))
        {
            log.pr_err($"{info.InfoName}: version magic '{modmagic}' should be '{config.Vermagic}'");
            return -Errno.ENOEXEC;
        }
        return 0;
    }
}
