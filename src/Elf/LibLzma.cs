// The system's liblzma.so.5 (xz-utils), used through P/Invoke for .ko.xz images: the kernel's own
// decompressor is lib/xz, and liblzma reads the same format, so we call it rather than write a decoder.
using System.Runtime.InteropServices;

namespace ModActors.Elf;

internal static unsafe partial class LibLzma
{
    public const int LZMA_OK = 0;
    public const int LZMA_STREAM_END = 1;
    public const int LZMA_MEM_ERROR = 5;
    public const int LZMA_MEMLIMIT_ERROR = 6;
    public const int LZMA_FORMAT_ERROR = 7;
    public const int LZMA_OPTIONS_ERROR = 8;
    public const int LZMA_DATA_ERROR = 9;
    public const int LZMA_BUF_ERROR = 10;
    private const int LZMA_FINISH = 3;

    /// lzma_stream from lzma/base.h (liblzma 5.x, LP64).
    [StructLayout(LayoutKind.Sequential)]
    private struct lzma_stream
    {
        public byte* next_in;
        public nuint avail_in;
        public ulong total_in;
        public byte* next_out;
        public nuint avail_out;
        public ulong total_out;
        public nint allocator;
        public nint @internal;
        public nint reserved_ptr1, reserved_ptr2, reserved_ptr3, reserved_ptr4;
        public ulong seek_pos, reserved_int2;
        public nuint reserved_int3, reserved_int4;
        public int reserved_enum1, reserved_enum2;
    }

    [LibraryImport("liblzma.so.5")]
    private static partial int lzma_stream_decoder(lzma_stream* strm, ulong memlimit, uint flags);

    [LibraryImport("liblzma.so.5")]
    private static partial int lzma_code(lzma_stream* strm, int action);

    [LibraryImport("liblzma.so.5")]
    private static partial void lzma_end(lzma_stream* strm);

    /// The decoder memory allowed (dictionary included): kbuild compresses modules with a 1 MiB dictionary; a
    /// header asking for more than this is refused with LZMA_MEMLIMIT_ERROR instead of allocated.
    public const ulong MemLimit = 128UL * 1024 * 1024;

    /// <summary>Decodes a whole .xz stream, producing at most maxOutput bytes (LZMA_MEMLIMIT_ERROR beyond).</summary>
    /// <returns>LZMA_STREAM_END with the data in output, or the liblzma error.</returns>
    public static int StreamBufferDecode(ReadOnlySpan<byte> input, int maxOutput, out ReadOnlyMemory<byte> output)
    {
        output = ReadOnlyMemory<byte>.Empty;
        var buffer = new byte[Math.Clamp(input.Length * 4L, 4096, maxOutput)];
        var produced = 0;
        lzma_stream strm = default;
        var rc = lzma_stream_decoder(&strm, MemLimit, 0);
        if (rc != LZMA_OK)
            return rc;
        try
        {
            fixed (byte* i = input)
            {
                strm.next_in = i;
                strm.avail_in = (nuint)input.Length;
                while (true)
                {
                    if (produced == buffer.Length)
                    {
                        if (buffer.Length >= maxOutput)
                            return LZMA_MEMLIMIT_ERROR;
                        Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxOutput));
                    }
                    fixed (byte* o = buffer)
                    {
                        strm.next_out = o + produced;
                        strm.avail_out = (nuint)(buffer.Length - produced);
                        rc = lzma_code(&strm, LZMA_FINISH);
                        produced = buffer.Length - (int)strm.avail_out;
                    }
                    if (rc == LZMA_STREAM_END)
                    {
                        output = buffer.AsMemory(0, produced);
                        return rc;
                    }
                    if (rc != LZMA_OK)
                        return rc;
                }
            }
        }
        finally
        {
            lzma_end(&strm);
        }
    }
}
