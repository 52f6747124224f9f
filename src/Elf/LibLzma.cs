// The system's liblzma.so.5 (xz-utils), used through P/Invoke for .ko.xz images: the kernel's own
// decompressor is lib/xz, and liblzma reads the same format, so we call it rather than write a decoder.
using System.Runtime.InteropServices;

namespace ModActors.Elf;

internal static partial class LibLzma
{
    public const int LZMA_OK = 0;
    public const int LZMA_STREAM_END = 1;
    public const int LZMA_MEM_ERROR = 5;
    public const int LZMA_MEMLIMIT_ERROR = 6;
    public const int LZMA_FORMAT_ERROR = 7;
    public const int LZMA_OPTIONS_ERROR = 8;
    public const int LZMA_DATA_ERROR = 9;
    public const int LZMA_BUF_ERROR = 10;

    [LibraryImport("liblzma.so.5")]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static unsafe partial int lzma_stream_buffer_decode(ulong* memlimit, uint flags, nint allocator,
        byte* input, nuint* inPos, nuint inSize, byte* output, nuint* outPos, nuint outSize);

    /// <summary>Decodes a whole .xz stream into a buffer of at most maxOutput bytes.</summary>
    /// <returns>The liblzma status; on LZMA_OK / LZMA_STREAM_END, output holds the data.</returns>
    public static unsafe int StreamBufferDecode(ReadOnlySpan<byte> input, int maxOutput, out ReadOnlyMemory<byte> output)
    {
        var size = Math.Clamp(input.Length * 4L, 4096, maxOutput);
        while (true)
        {
            var buffer = GC.AllocateUninitializedArray<byte>((int)size);
            ulong memlimit = ulong.MaxValue;
            nuint inPos = 0, outPos = 0;
            int rc;
            fixed (byte* i = input)
            fixed (byte* o = buffer)
                rc = lzma_stream_buffer_decode(&memlimit, 0, 0, i, &inPos, (nuint)input.Length, o, &outPos, (nuint)buffer.Length);
            if (rc == LZMA_BUF_ERROR && outPos == (nuint)buffer.Length && size < maxOutput)
            {
                size = Math.Min(size * 2, maxOutput);
                continue;
            }
            output = rc is LZMA_OK or LZMA_STREAM_END ? buffer.AsMemory(0, (int)outPos) : ReadOnlyMemory<byte>.Empty;
            return rc;
        }
    }
}
