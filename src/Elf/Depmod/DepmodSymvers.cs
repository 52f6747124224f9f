// The reading half of depmod_load_symvers (kmod's tools/depmod.c): the vmlinux lines of a
// Module.symvers ("0xCRC<TAB>name<TAB>vmlinux<TAB>EXPORT_SYMBOL..."), tokenized like strtok(" \t"),
// with kmod's message for a CRC that is not hexadecimal. Other owners (modules) are ignored: depmod
// takes module exports from the module files themselves.
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ModActors.Elf.Depmod;

internal sealed class DepmodSymvers
{
    /// The errno opening the file failed with, or 0.
    public int Errno { get; private init; }

    public List<(string Name, ulong Crc)> Symbols { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>The largest Module.symvers read; a FIFO or device is refused (EINVAL) rather than read.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DepmodSymvers Read(string path)
    {
        byte[] bytes;
        try
        {
            if (File.Exists(path) && RegularFile.Check(path, MaxBytes) is not null)
                return new DepmodSymvers { Errno = DepmodErrno.EINVAL };
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DepmodSymvers
            {
                Errno = e is UnauthorizedAccessException ? DepmodErrno.EACCES
                    : Directory.Exists(path) ? DepmodErrno.EINVAL : DepmodErrno.ENOENT,
            };
        }
        var file = new DepmodSymvers();
        ReadOnlySpan<byte> rest = bytes;
        for (var n = 1; !rest.IsEmpty; n++)
        {
            var nl = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? default : rest[(nl + 1)..];
            var ver = NextToken(ref line);
            var sym = NextToken(ref line);
            var where = NextToken(ref line);
            if (where.IsEmpty || !where.SequenceEqual("vmlinux"u8))
                continue;
            var verText = KmodElf.Latin1(ver);
            if (!TryParseCrc(verText, out var crc))
            {
                file.Errors.Add($"{path}:{n} Invalid symbol version {verText}: Success");
                continue;
            }
            file.Symbols.Add((KmodElf.Latin1(sym), crc));
        }
        return file;
    }

    /// strtok(line, " \t"): the next run of bytes that are neither space nor tab.
    private static ReadOnlySpan<byte> NextToken(ref ReadOnlySpan<byte> line)
    {
        var start = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
        if (start < 0)
        {
            line = default;
            return default;
        }
        line = line[start..];
        var end = line.IndexOfAny((byte)' ', (byte)'\t');
        var token = end < 0 ? line : line[..end];
        line = end < 0 ? default : line[end..];
        return token;
    }

    /// strtoull(ver, end, 16) consuming the whole field.
    private static bool TryParseCrc(string field, out ulong crc)
    {
        var digits = field.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? field[2..] : field;
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out crc);
    }
}
