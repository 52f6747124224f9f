// What depmod takes from one module file, read once: kmod_module_get_symbols, kmod_module_get_dependency_symbols
// and kmod_module_get_info's alias/softdep entries. kmod_file_open maps a .ko and decompresses a .ko.xz
// (liblzma, like kmod); a file it cannot open or read as ELF records the errno depmod reports. We read
// a .ko with pread instead of mapping it: with two reader threads, unmapping 4,230 files costs more
// (TLB shootdowns) than copying the bytes (measured: 350 ms against 440 ms for Debian's tree).
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace ModActors.Elf.Depmod;

internal sealed class DepmodModuleFile
{
    private static readonly string[] InfoKeys = ["alias", "softdep"];

    /// kmod_module_get_symbols: the count, or a negative errno (-ENOENT: no symbols).
    public int SymbolsResult { get; private set; }

    public List<KmodModversion> Exports { get; } = [];

    /// kmod_module_get_dependency_symbols: the count, or a negative errno.
    public int DependencyResult { get; private set; }

    public List<KmodModversion> DependencySymbols { get; } = [];

    /// The alias= and softdep= entries of .modinfo, in file order.
    public List<KeyValuePair<string, string?>> Info { get; } = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DepmodModuleFile Read(string path, KmodStringTable names)
    {
        var file = new DepmodModuleFile();
        SafeFileHandle? handle = null;
        try
        {
            var err = Open(path, out handle, out var elf);
            if (elf is null)
            {
                file.SymbolsResult = file.DependencyResult = err;
                return file;
            }
            using (elf)
            {
                file.SymbolsResult = elf.GetSymbols(file.Exports, names);
                file.DependencyResult = elf.GetDependencySymbols(file.DependencySymbols, names);
                elf.GetModinfo(file.Info, InfoKeys);
            }
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var failed = new DepmodModuleFile();
            failed.SymbolsResult = failed.DependencyResult = e is UnauthorizedAccessException ? -DepmodErrno.EACCES : -DepmodErrno.EIO;
            return failed;
        }
        finally
        {
            handle?.Dispose();
        }
    }

    /// kmod_module_get_elf: kmod_file_open (the file, or a .ko.xz decompressed), then kmod_elf_new.
    /// Returns 0 or a negative errno.
    private static int Open(string path, out SafeFileHandle handle, out KmodElf? elf)
    {
        elf = null;
        if (RegularFile.Check(path, ModuleFile.MaxFileBytes) is not null)
        {
            handle = null!;
            return -DepmodErrno.EINVAL;
        }
        handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (!path.EndsWith(".xz", StringComparison.Ordinal))
            return KmodElf.New(handle, length, out elf);
        var packed = new byte[length];
        var done = 0;
        while (done < packed.Length)
        {
            var n = RandomAccess.Read(handle, packed.AsSpan(done), done);
            if (n <= 0)
                return -DepmodErrno.EIO;
            done += n;
        }
        var rc = LibLzma.StreamBufferDecode(packed, ModuleDecompress.MaxDecompressedSize, out var image);
        return rc is LibLzma.LZMA_OK or LibLzma.LZMA_STREAM_END ? KmodElf.New(image, out elf) : -DepmodErrno.EINVAL;
    }
}
