// module_decompress: MODULE_INIT_COMPRESSED_FILE with xz (Debian's configuration) or gzip, and the
// kernel's refusals of data in the wrong format (oracle scenario k: K4 and K12).
namespace ModActors.Elf.Tests;

public class CompressionTests
{
    private static readonly ModuleReadOptions Compressed = new() { Flags = ModuleInitFlags.CompressedFile };

    [Fact]
    public void An_xz_module_with_the_compressed_flag_reads_like_the_plain_one()
    {
        var xz = Fixtures.Module("slow.ko.xz", Compressed);
        var plain = Fixtures.Module("slow.ko");
        Assert.Equal(plain.ImageLength, xz.ImageLength);
        Assert.Equal(plain.Layout.TotalSize, xz.Layout.TotalSize);
        Assert.Equal(SignatureStatus.UnknownKey, Fixtures.Module("slow.signed.ko.xz", Compressed).Signature.Status);
    }

    [Fact]
    public void A_plain_module_with_the_compressed_flag_is_not_xz()
    {
        var r = Fixtures.Rejection(Fixtures.Bytes("slow.ko"), Compressed);
        Assert.Equal((22, "not an xz compressed module"), (r.Errno, r.Log));
    }

    [Fact]
    public void A_gzip_module_needs_a_kernel_built_for_gzip()
    {
        var gz = Fixtures.Bytes("slow.ko.gz");
        Assert.Equal("not an xz compressed module", Fixtures.Rejection(gz, Compressed).Log);
        var m = KernelModuleReader.Read(gz, Compressed with { Compression = ModuleCompression.Gzip });
        Assert.True(m.IsOk);
        Assert.Equal("not a gzip compressed module",
            Fixtures.Rejection(Fixtures.Bytes("slow.ko.xz"), Compressed with { Compression = ModuleCompression.Gzip }).Log);
    }

    [Fact]
    public void A_truncated_xz_stream_fails_decompression_with_einval()
    {
        var xz = Fixtures.Bytes("slow.ko.xz");
        var r = Fixtures.Rejection(xz[..(xz.Length / 2)], Compressed);
        Assert.Equal(22, r.Errno);
        Assert.StartsWith("decompression failed with status ", r.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Tools_load_xz_and_gz_files_by_their_magic()
    {
        Assert.True(ModuleFile.TryLoad(Fixtures.KoPath("slow.ko.gz"), out var gz, out _));
        Assert.True(ModuleFile.TryLoad(Fixtures.KoPath("slow.ko.xz"), out var xz, out _));
        Assert.True(gz.Span.SequenceEqual(Fixtures.Bytes("slow.ko")));
        Assert.True(xz.Span.SequenceEqual(Fixtures.Bytes("slow.ko")));
        Assert.False(ModuleFile.TryLoad(Fixtures.KoPath("missing.ko"), out _, out var error));
        Assert.Equal("No such file or directory", error);
    }

    [Fact]
    public void A_mapped_module_file_reads_like_its_bytes_and_an_empty_file_maps_to_nothing()
    {
        using (ModuleFile.MapReadOnly(Fixtures.KoPath("expa.ko"), out var mapped))
        {
            Assert.True(mapped.Span.SequenceEqual(Fixtures.Bytes("expa.ko")));
            Assert.Equal(3, KernelModuleReader.Read(mapped).Module!.Exports.Count);
        }
        var empty = Path.GetTempFileName();
        try
        {
            using (ModuleFile.MapReadOnly(empty, out var nothing))
                Assert.Equal(0, nothing.Length);
        }
        finally
        {
            File.Delete(empty);
        }
    }
}
