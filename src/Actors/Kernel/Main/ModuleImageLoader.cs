// The file-reading front of load_module (kernel/module/main.c), for both kinds of module file:
// module_decompress, module_sig_check, elf_validity_cache_copy and early_mod_check's checks of the
// image (blacklist, struct module version, vermagic) — src/Elf runs them on a real .ko; a synthetic
// module answers them from its definition with the same errnos and log lines. None of them sleeps, so
// together they are one step of the loading task.
using ModActors.Elf;

namespace ModActors.Kernel.Main;

/// <summary>What reading an image gave: the module to load, or the stage that refused it.</summary>
internal sealed record LoadedImage(ModuleDefinition? Def, ModuleRejection? Rejection, int Len, IReadOnlyList<string> ForcedReasons)
{
    /// <summary>The file's length as read, before decompression.</summary>
    public int CompressedLen { get; init; }

    /// <summary>Taints the checks already gave the module (a forced load: F).</summary>
    public ulong Taints { get; init; }
}

internal static class ModuleImageLoader
{
    public static LoadedImage Read(KernelState kernel, SimFile f, ModuleInitFlags flags)
    {
        if (f.Bytes is { } bytes)
            return ReadReal(kernel, f, bytes, flags);
        return ReadSynthetic(kernel, f, flags);
    }

    private static LoadedImage ReadReal(KernelState kernel, SimFile f, ReadOnlyMemory<byte> bytes, ModuleInitFlags flags)
    {
        var options = new ModuleReadOptions
        {
            Flags = flags,
            SigEnforce = kernel.Config.SigEnforce,
            KernelVermagic = kernel.Config.Vermagic,
            Livepatch = kernel.Config.Livepatch,
            TrustedCertificates = kernel.TrustedCertificates,
        };
        var read = KernelModuleReader.Read(bytes, options);
        if (read.Module is not { } module)
            return new LoadedImage(null, read.Rejection, bytes.Length, []) { CompressedLen = bytes.Length };
        var def = ModuleDefinition.FromImage(module, ModuleImage.FromStatus(module.Signature.Status),
            f.Module?.Init, f.Module?.Exit);
        if (f.Module is { } spec)
            def = def with { HasInit = def.HasInit || spec.Init.Actions.Count > 0 };
        return new LoadedImage(def, null, module.ImageLength, read.ForcedLoadReasons) { CompressedLen = bytes.Length };
    }

    private static LoadedImage ReadSynthetic(KernelState kernel, SimFile f, ModuleInitFlags flags)
    {
        var def = f.Module ?? throw new InvalidOperationException($"file {f.Path} holds neither bytes nor a module");
        var compressed = f.Compression != FileCompression.None;
        if ((flags & ModuleInitFlags.CompressedFile) != 0)
        {
            if (f.Compression != FileCompression.Xz)
                return Reject(f, Errno.EINVAL, "not an xz compressed module", "module_xz_decompress");
        }
        else if (compressed)
        {
            return Reject(f, Errno.ENOEXEC, "Invalid ELF header magic: != \x7f" + "ELF", "elf_validity_cache_copy");
        }

        if (def.Signature != SignatureState.Good && kernel.Config.SigEnforce)
        {
            var reason = def.Signature switch
            {
                SignatureState.UnknownKey => "module with unavailable key",
                SignatureState.Bad => null,
                _ => "unsigned module",
            };
            return reason is null
                ? Reject(f, Errno.EKEYREJECTED, "", "module_sig_check")
                : Reject(f, Errno.EKEYREJECTED, $"Loading of {reason} is rejected", "module_sig_check");
        }
        if (def.Signature == SignatureState.Bad)
            return Reject(f, Errno.EKEYREJECTED, "", "module_sig_check");

        var info = VersionInfo.Create(def.Name, def.Name, [], flags);
        ulong taints = 0;
        var err = ModuleVersion.check_modinfo(info, def.Vermagic ?? kernel.Config.Vermagic, flags, ref taints,
            kernel.Config, kernel.Taint, kernel.Log);
        if (err != 0)
            return new LoadedImage(null, new ModuleRejection(-err, "", "check_modinfo"), f.Length, []) { CompressedLen = f.Length };
        return new LoadedImage(def, null, f.Length, []) { CompressedLen = f.Length, Taints = taints };
    }

    private static LoadedImage Reject(SimFile f, int errno, string log, string stage) =>
        new(null, new ModuleRejection(errno, log, stage), f.Length, []) { CompressedLen = f.Length };
}
