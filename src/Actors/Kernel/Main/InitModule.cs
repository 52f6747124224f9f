// SYSCALL_DEFINE3(init_module) (kernel/module/main.c): may_init_module, copy_module_from_user (an image
// shorter than an ELF header is -ENOEXEC without a log line), then load_module with flags 0 — no
// idempotent table, so concurrent init_module calls of one image each load.
using ModActors.Elf;

namespace ModActors.Kernel.Main;

internal static class InitModule
{
    private const int SizeofElf64Ehdr = 64;

    /// <summary>init_module(umod, len, uargs): 0 or -errno.</summary>
    public static async Task<int> init_module(KTask t, SimFile image, string uargs)
    {
        var span = t.Syscall("init_module", image.Path);
        return span.End(await init_module_body(t, image, uargs));
    }

    private static async Task<int> init_module_body(KTask t, SimFile image, string uargs)
    {
        t.Point("init_module");
        var err = FinitModule.may_init_module(t);
        if (err != 0)
            return err;
        var len = image.Kind == SimFileKind.Regular ? image.Length : 0;
        if (len < SizeofElf64Ehdr)
        {
            t.Kernel.Stats.mod_stat_inc(ModStatCounter.FailedKreads);
            t.Kernel.Stats.mod_stat_add_long(len, ModStatCounter.InvalidKreadBytes);
            KernelTelemetry.WastedBytes.Add(len, new KeyValuePair<string, object?>("kind", "kread"));
            return -Errno.ENOEXEC;
        }
        await t.Work("kernel_read_file");
        var loaded = ModuleImageLoader.Read(t.Kernel, image, ModuleInitFlags.None);
        return await LoadModule.load_module(t, loaded, uargs, ModuleInitFlags.None);
    }
}
