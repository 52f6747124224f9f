// Just enough of PNG (RFC 2083) to read Chromium's screenshots: 8-bit RGB or RGBA, not interlaced; the
// IDAT stream inflated with ZLibStream and the five scanline filters undone. Written by hand because none
// of the packages the project may use decodes images (System.Drawing is Windows-only).
using System.Buffers.Binary;
using System.IO.Compression;

namespace ModActors.Scenarios.Tests.Diagram;

internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] pixels;
    private readonly int channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var i = ((y * Width) + x) * channels;
        return (pixels[i], pixels[i + 1], pixels[i + 2]);
    }

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature))
            throw new FormatException("not a PNG file (bad signature)");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var at = 8;
        while (at + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    if (data[8] != 8 || data[12] != 0)
                        throw new FormatException($"PNG bit depth {data[8]}, interlace {data[12]}: only 8-bit, non-interlaced is read");
                    channels = data[9] switch
                    {
                        2 => 3,
                        6 => 4,
                        _ => throw new FormatException($"PNG colour type {data[9]}: only RGB and RGBA are read"),
                    };
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        if (channels == 0)
            throw new FormatException("PNG without IHDR");
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            z.CopyTo(inflated);
        return new PngImage(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        if (raw.Length < height * (stride + 1))
            throw new FormatException("PNG image data is shorter than its size says");
        var output = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan((y * (stride + 1)) + 1, stride);
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? output[(y * stride) + x - bpp] : 0;
                int b = y > 0 ? output[((y - 1) * stride) + x] : 0;
                int c = x >= bpp && y > 0 ? output[((y - 1) * stride) + x - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new FormatException($"PNG filter type {filter} on line {y}"),
                };
                output[(y * stride) + x] = (byte)(line[x] + predictor);
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
