// The file-reading stages of load_module (kernel/module/main.c), in the kernel's order:
// module_decompress (finit with MODULE_INIT_COMPRESSED_FILE), module_sig_check,
// elf_validity_cache_copy, then early_mod_check's file checks; each returns a typed rejection.
namespace ModActors.Elf;

/// <summary>Reads and validates a module image the way Linux 6.12's loader does before allocating it.</summary>
public static class KernelModuleReader
{
    /// <summary>Validates and parses an image; never throws for any input.</summary>
    /// <param name="image">The bytes passed to init_module / read by finit_module.</param>
    /// <param name="options">Kernel configuration and flags; Debian 6.12 defaults when null.</param>
    public static ModuleReadResult Read(ReadOnlyMemory<byte> image, ModuleReadOptions? options = null)
    {
        options ??= ModuleReadOptions.Default;
        if ((options.Flags & ModuleInitFlags.CompressedFile) != 0)
        {
            var derr = ModuleDecompress.module_decompress(image, options.Compression, out var decompressed);
            if (derr is not null)
                return ModuleReadResult.Fail(derr);
            image = decompressed;
        }

        var len = image.Length;
        var signature = ModuleSignatureInfo.Unsigned;
        var log = new List<string>();
        var err = options.ModuleSig ? ModuleSigCheck.module_sig_check(image, options, out len, out signature, log) : null;
        if (err is not null)
            return ModuleReadResult.Fail(err);

        err = ElfValidity.elf_validity_cache_copy(image[..len], options, out var info);
        if (err is not null)
            return ModuleReadResult.Fail(err);

        var modinfo = ModInfo.Parse(info!.File.SectionData(info.IndexInfo));
        var forced = new List<string>();
        err = EarlyModCheck.early_mod_check(info, modinfo, options, forced);
        if (err is not null)
            return ModuleReadResult.Fail(err);

        var (undefined, exports) = ModuleSymbols.Read(info);
        var (init, exit) = ThisModule.InitExit(info);
        return ModuleReadResult.Ok(new KernelModule(info, modinfo, exports, undefined, init, exit, signature), forced, log);
    }
}
