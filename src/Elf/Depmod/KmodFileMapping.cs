// kmod_file_open's mmap of an uncompressed module (libkmod-file.c, load_reg): the file mapped read-only
// and private, so reading a section touches only its pages and copies nothing. System.IO's
// MemoryMappedFile does the same with several objects and handles per file; depmod maps 4,230 files,
// so we call mmap/munmap directly.
using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ModActors.Elf.Depmod;

internal sealed unsafe partial class KmodFileMapping : MemoryManager<byte>
{
    private const int PROT_READ = 1;
    private const int MAP_PRIVATE = 2;

    private byte* _address;
    private readonly int _length;

    private KmodFileMapping(byte* address, int length)
    {
        _address = address;
        _length = length;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint addr, nuint length);

    /// Maps the whole file; null when it is empty, too large for one span, or mmap fails.
    public static KmodFileMapping? Map(SafeFileHandle file, long length)
    {
        if (length <= 0 || length > int.MaxValue)
            return null;
        var address = mmap(0, (nuint)length, PROT_READ, MAP_PRIVATE, (int)file.DangerousGetHandle(), 0);
        return address == -1 ? null : new KmodFileMapping((byte*)address, (int)length);
    }

    public override Span<byte> GetSpan() => new(_address, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_address is null)
            return;
        munmap((nint)_address, (nuint)_length);
        _address = null;
    }
}
