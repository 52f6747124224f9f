// Reading a module file from disk the way userspace tools (kmod) do: a plain .ko is memory-mapped
// read-only (mmap); a .ko.xz / .ko.gz (recognised by magic) is decompressed with the system's liblzma or
// System.IO.Compression. Missing or unreadable files become a message, not an exception.
using System.Runtime.InteropServices;

namespace ModActors.Elf;

/// <summary>Loads module files for tools (modinfo, depmod).</summary>
public static partial class ModuleFile
{
    /// <summary>The largest module file read (256 MiB); a FIFO, device or socket is refused by type (kmod reads regular files).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Reads a whole module file, decompressing .xz and .gz content.</summary>
    /// <param name="path">The file.</param>
    /// <param name="image">The uncompressed bytes on success.</param>
    /// <param name="error">What went wrong (e.g. "No such file or directory"), or null.</param>
    /// <returns>True when the image was read.</returns>
    public static bool TryLoad(string path, out ReadOnlyMemory<byte> image, out string? error)
    {
        image = ReadOnlyMemory<byte>.Empty;
        error = null;
        byte[] raw;
        try
        {
            if (Directory.Exists(path))
            {
                error = "Is a directory";
                return false;
            }
            if (File.Exists(path) && RegularFile.Check(path, MaxFileBytes) is { } problem)
            {
                error = problem;
                return false;
            }
            raw = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            error = "No such file or directory";
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            error = "No such file or directory";
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            error = "Permission denied";
            return false;
        }
        catch (IOException e)
        {
            error = e.Message;
            return false;
        }
        return TryDecompress(raw, out image, out error);
    }

    /// <summary>Returns the image itself, or its decompressed content when it starts with the xz or gzip magic.</summary>
    public static bool TryDecompress(ReadOnlyMemory<byte> raw, out ReadOnlyMemory<byte> image, out string? error)
    {
        error = null;
        image = raw;
        var span = raw.Span;
        ModuleCompression? kind = span.StartsWith((ReadOnlySpan<byte>)[0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0])
            ? ModuleCompression.Xz
            : span.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]) ? ModuleCompression.Gzip : null;
        if (kind is null)
            return true;
        var rejection = ModuleDecompress.module_decompress(raw, kind.Value, out image);
        if (rejection is null)
            return true;
        error = rejection.Log.Length > 0 ? rejection.Log : rejection.ErrnoName;
        return false;
    }

    /// <summary>Maps a plain (uncompressed) module file read-only for zero-copy reading; dispose the returned owner after use.</summary>
    /// <param name="path">The file.</param>
    /// <param name="image">The mapped bytes, valid until the owner is disposed.</param>
    public static IDisposable MapReadOnly(string path, out ReadOnlyMemory<byte> image)
    {
        if (RegularFile.Check(path, MaxFileBytes) is { } problem)
            throw new IOException($"{path} {problem}");
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length == 0 || length > int.MaxValue)
        {
            image = ReadOnlyMemory<byte>.Empty;
            return new MemoryStream();
        }
        var manager = MappedMemory.Map(handle, (int)length);
        image = manager.Memory;
        return manager;
    }

    /// A read-only private mapping made with the C library's mmap: MemoryMappedFile costs several times more
    /// per file, which shows when a tool maps four thousand modules.
    private sealed unsafe partial class MappedMemory : System.Buffers.MemoryManager<byte>
    {
        private const int PROT_READ = 1;
        private const int MAP_PRIVATE = 2;
        private byte* _pointer;
        private readonly int _length;

        private MappedMemory(byte* pointer, int length)
        {
            _pointer = pointer;
            _length = length;
        }

        public static MappedMemory Map(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int length)
        {
            var p = mmap(null, (nuint)length, PROT_READ, MAP_PRIVATE, (int)handle.DangerousGetHandle(), 0);
            if (p == (void*)-1)
                throw new IOException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
            return new MappedMemory((byte*)p, length);
        }

        public override Span<byte> GetSpan() => new(_pointer, _length);

        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (_pointer is not null)
            {
                _ = munmap(_pointer, (nuint)_length);
                _pointer = null;
            }
        }

        [LibraryImport("libc", SetLastError = true)]
        private static partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

        [LibraryImport("libc", SetLastError = true)]
        private static partial int munmap(void* addr, nuint length);
    }
}
