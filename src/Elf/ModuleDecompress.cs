// module_decompress (kernel/module/decompress.c): module_xz_decompress / module_gzip_decompress with
// their signature checks, log lines and errnos. Output is bounded so a hostile stream cannot make us
// allocate without limit (the kernel is bounded by memory; we answer -ENOMEM past the cap).
using System.IO.Compression;

namespace ModActors.Elf;

internal static class ModuleDecompress
{
    /// Larger than any module of Debian's tree (amdgpu.ko is about 60 MiB with debug info stripped).
    public const int MaxDecompressedSize = 512 * 1024 * 1024;

    private static ReadOnlySpan<byte> XzSignature => [0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0];
    private static ReadOnlySpan<byte> GzipSignature => [0x1f, 0x8b, 0x08];

    public static ModuleRejection? module_decompress(ReadOnlyMemory<byte> buf, ModuleCompression compression,
        out ReadOnlyMemory<byte> image)
    {
        image = ReadOnlyMemory<byte>.Empty;
        return compression == ModuleCompression.Xz
            ? module_xz_decompress(buf.Span, out image)
            : module_gzip_decompress(buf, out image);
    }

    private static ModuleRejection? module_xz_decompress(ReadOnlySpan<byte> buf, out ReadOnlyMemory<byte> image)
    {
        image = ReadOnlyMemory<byte>.Empty;
        if (buf.Length < XzSignature.Length || !buf[..XzSignature.Length].SequenceEqual(XzSignature))
            return new ModuleRejection(Errno.EINVAL, "not an xz compressed module", nameof(module_xz_decompress));
        var rc = LibLzma.StreamBufferDecode(buf, MaxDecompressedSize, out image);
        return rc switch
        {
            LibLzma.LZMA_STREAM_END => null,
            LibLzma.LZMA_MEM_ERROR or LibLzma.LZMA_MEMLIMIT_ERROR => new ModuleRejection(Errno.ENOMEM, "", nameof(module_xz_decompress)),
            _ => new ModuleRejection(Errno.EINVAL, $"decompression failed with status {XzRet(rc)}", nameof(module_xz_decompress)),
        };
    }

    /// The lib/xz xz_ret the kernel would print for a liblzma failure (a truncated stream leaves XZ_OK).
    private static int XzRet(int lzmaRet) => lzmaRet switch
    {
        LibLzma.LZMA_FORMAT_ERROR => 5,
        LibLzma.LZMA_OPTIONS_ERROR => 6,
        LibLzma.LZMA_DATA_ERROR => 7,
        LibLzma.LZMA_BUF_ERROR => 0,
        _ => 7,
    };

    /// module_gzip_header_len: 10 bytes plus an optional NUL-terminated file name (FNAME); 0 when invalid.
    private static int module_gzip_header_len(ReadOnlySpan<byte> buf)
    {
        var len = 10;
        if (buf.Length < len || !buf[..GzipSignature.Length].SequenceEqual(GzipSignature))
            return 0;
        if ((buf[3] & 0x08) != 0)
        {
            do
            {
                if (len == buf.Length)
                    return 0;
            } while (buf[len++] != 0);
        }
        return len;
    }

    private static ModuleRejection? module_gzip_decompress(ReadOnlyMemory<byte> buf, out ReadOnlyMemory<byte> image)
    {
        const string stage = nameof(module_gzip_decompress);
        image = ReadOnlyMemory<byte>.Empty;
        var hdrLen = module_gzip_header_len(buf.Span);
        if (hdrLen == 0)
            return new ModuleRejection(Errno.EINVAL, "not a gzip compressed module", stage);
        const int Z_DATA_ERROR = -3;
        try
        {
            using var input = new MemoryStream(buf[hdrLen..].ToArray(), writable: false);
            using var inflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = inflate.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + n > MaxDecompressedSize)
                    return new ModuleRejection(Errno.ENOMEM, "", stage);
                output.Write(chunk, 0, n);
            }
            image = output.GetBuffer().AsMemory(0, (int)output.Length);
            return null;
        }
        catch (InvalidDataException)
        {
            return new ModuleRejection(Errno.EINVAL, $"decompression failed with status {Z_DATA_ERROR}", stage);
        }
    }
}
