// early_mod_check's checks that read the file (kernel/module/main.c): blacklisted,
// check_modstruct_version (version.c) and check_modinfo (vermagic via same_magic, livepatch).
// module_patient_check_exists, which needs the module list, is the kernel's.
namespace ModActors.Elf;

internal static class EarlyModCheck
{
    public static ModuleRejection? early_mod_check(LoadInfo info, ModInfo modinfo, ModuleReadOptions options,
        List<string> forced)
    {
        var name = info.Name ?? "";
        if (options.ModuleBlacklist.Contains(name, StringComparer.Ordinal))
            return new ModuleRejection(Errno.EPERM, $"Module {name} is blacklisted", "early_mod_check");

        if (options.ModuleLayoutCrc is { } layoutCrc)
        {
            var log = ModVersions.check_version(info, name, "module_layout"u8, layoutCrc, out var f);
            if (log is not null)
                return ModuleRejection.NoExec("check_modstruct_version", log);
            if (f)
                forced.Add("module_layout");
        }
        return check_modinfo(info, modinfo, options, forced);
    }

    private static ModuleRejection? check_modinfo(LoadInfo info, ModInfo modinfo, ModuleReadOptions options, List<string> forced)
    {
        if (options.KernelVermagic is { } vermagic)
        {
            var modmagic = (options.Flags & ModuleInitFlags.IgnoreVermagic) != 0 ? null : modinfo.Vermagic;
            if (modmagic is null)
                forced.Add("bad vermagic");
            else if (!same_magic(modmagic, vermagic, info.IndexVers != 0))
                return ModuleRejection.NoExec(nameof(check_modinfo),
                    $"{info.Name}: version magic '{modmagic}' should be '{vermagic}'");
        }
        if (modinfo.Livepatch && !options.Livepatch)
            return ModuleRejection.NoExec("check_modinfo_livepatch",
                $"{info.Name}: module is marked as livepatch module, but livepatch support is disabled");
        return null;
    }

    /// same_magic: with CRCs, the kernel release (up to the first space) is not compared.
    private static bool same_magic(string amagic, string bmagic, bool hasCrcs)
    {
        if (hasCrcs)
        {
            amagic = amagic[Math.Max(0, amagic.IndexOf(' ') is var a and >= 0 ? a : amagic.Length)..];
            bmagic = bmagic[Math.Max(0, bmagic.IndexOf(' ') is var b and >= 0 ? b : bmagic.Length)..];
        }
        return string.Equals(amagic, bmagic, StringComparison.Ordinal);
    }
}
