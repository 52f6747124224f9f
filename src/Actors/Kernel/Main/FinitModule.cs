// SYSCALL_DEFINE3(finit_module) and its helpers (kernel/module/main.c): may_init_module, the flags
// check, idempotent_init_module — one loader per inode, every concurrent caller of the same inode
// waits and returns the winner's result — and init_module_from_file (kernel_read_file, then
// module_decompress when MODULE_INIT_COMPRESSED_FILE is set). The 6.3 profile has no idempotent table:
// every caller loads.
using ModActors.Elf;
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class FinitModule
{
    private const ModuleInitFlags ValidFlags =
        ModuleInitFlags.IgnoreModversions | ModuleInitFlags.IgnoreVermagic | ModuleInitFlags.CompressedFile;

    /// <summary>finit_module(fd, uargs, flags): 0 or -errno. A null file is a bad descriptor.</summary>
    public static async Task<int> finit_module(KTask t, SimFile? file, string uargs, int flags)
    {
        var span = t.Syscall("finit_module", file?.Path ?? "(bad fd)");
        return span.End(await finit_module_body(t, file, uargs, flags));
    }

    private static async Task<int> finit_module_body(KTask t, SimFile? file, string uargs, int flags)
    {
        t.Point("finit_module");
        var err = may_init_module(t);
        if (err != 0)
            return err;
        if ((flags & ~(int)ValidFlags) != 0)
            return -Errno.EINVAL;
        return await idempotent_init_module(t, file, uargs, (ModuleInitFlags)flags);
    }

    /// <summary>may_init_module(): CAP_SYS_MODULE and !modules_disabled.</summary>
    public static int may_init_module(KTask t) => t.Kernel.Config.ModulesDisabled ? -Errno.EPERM : 0;

    private static async Task<int> idempotent_init_module(KTask t, SimFile? f, string uargs, ModuleInitFlags flags)
    {
        if (f is null)
            return -Errno.EBADF;
        if (t.Kernel.Config.Profile == KernelProfile.Linux63)
            return await init_module_from_file(t, f, uargs, flags);

        var entry = t.Kernel.NextId();
        t.Point("idempotent");
        var answer = await t.Call<IdempotentAnswer>(t.Kernel.Idem, new Idempotent(entry, f.Inode, t.Name));
        if (!answer.Busy)
        {
            var ret = await init_module_from_file(t, f, uargs, flags);
            await t.Call<Done>(t.Kernel.Idem, new IdempotentComplete(f.Inode, ret));
            return ret;
        }
        t.Point("idempotent_wait_for_completion");
        using var wait = t.Wait("idempotent completion");
        var result = await t.SleepInterruptible<IdempotentResult>(t.Kernel.Idem,
            new IdempotentWait(entry, t.SignalPending), new IdempotentInterrupt(entry));
        return result.Ret;
    }

    private static async Task<int> init_module_from_file(KTask t, SimFile f, string uargs, ModuleInitFlags flags)
    {
        t.Point("init_module_from_file");
        var len = kernel_read_file(f);
        if (len < 0)
        {
            t.Kernel.Stats.mod_stat_inc(ModStatCounter.FailedKreads);
            return len;
        }
        await t.Work("kernel_read_file");

        var image = ModuleImageLoader.Read(t.Kernel, f, flags);
        if (image.Rejection is { Stage: "module_xz_decompress" or "module_gzip_decompress" } derr)
        {
            if (derr.Log.Length > 0)
                t.Kernel.Log.pr_err(derr.Log);
            t.Kernel.Stats.mod_stat_inc(ModStatCounter.FailedDecompress);
            t.Kernel.Stats.mod_stat_add_long(len, ModStatCounter.InvalidDecompressBytes);
            KernelTelemetry.WastedBytes.Add(len, new KeyValuePair<string, object?>("kind", "decompress"));
            return -derr.Errno;
        }
        return await LoadModule.load_module(t, image, uargs, flags);
    }

    /// <summary>kernel_read_file(): the length, or -EINVAL for an empty file, a directory or a device.</summary>
    private static int kernel_read_file(SimFile f) => f.Kind switch
    {
        SimFileKind.Regular when f.Length > 0 => f.Length,
        _ => -Errno.EINVAL,
    };
}
