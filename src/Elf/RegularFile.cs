// Reading an input file the way kmod does: only a regular file is read (a FIFO would block, /dev/zero
// never ends, a directory is not data), and only up to a size limit that the refusal names. The file's
// type and size come from statx(2) before the file is opened, so opening never blocks.
using System.Globalization;
using System.Runtime.InteropServices;

namespace ModActors.Elf;

/// <summary>Reads regular files within a size limit; every refusal is a message, never an exception.</summary>
public static partial class RegularFile
{
    private const int AT_FDCWD = -100;
    private const uint STATX_TYPE = 0x1;
    private const uint STATX_SIZE = 0x200;
    private const int S_IFMT = 0xF000;

    /// <summary>
    /// Checks that <paramref name="path"/> names a regular file of at most <paramref name="maxBytes"/> bytes;
    /// returns null when it does, else why not, worded to follow the path ("is a FIFO, not a regular file",
    /// "is 9 GiB (…); the limit is …", "does not exist (No such file or directory)").
    /// </summary>
    public static string? Check(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            return "names no file (the path is empty)";
        long size;
        int type;
        if (OperatingSystem.IsLinux())
        {
            var buf = new byte[256];
            if (Stat(path, buf) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno switch
                {
                    2 or 20 => "does not exist (No such file or directory)",
                    13 => "cannot be read (Permission denied)",
                    36 => "has too long a name (File name too long)",
                    40 => "cannot be reached (Too many levels of symbolic links)",
                    _ => $"cannot be examined (stat: errno {errno})",
                };
            }
            type = BitConverter.ToUInt16(buf, 28) & S_IFMT;
            size = (long)BitConverter.ToUInt64(buf, 40);
        }
        else
        {
            if (Directory.Exists(path))
                return "is a directory, not a regular file";
            var info = new FileInfo(path);
            if (!info.Exists)
                return "does not exist (No such file or directory)";
            type = 0x8000;
            size = info.Length;
        }
        var kind = type switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
        if (kind is not null)
            return $"is {kind}, not a regular file";
        if (size > maxBytes)
            return string.Create(CultureInfo.InvariantCulture, $"is {Size(size)}; the limit is {Size(maxBytes)}");
        return null;
    }

    /// <summary>Reads a regular file of at most <paramref name="maxBytes"/> bytes, or says why not.</summary>
    public static bool TryReadAllBytes(string path, long maxBytes, out byte[] bytes, out string? error)
    {
        bytes = [];
        error = Check(path, maxBytes);
        if (error is not null)
            return false;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e is UnauthorizedAccessException ? "cannot be read (Permission denied)" : $"cannot be read ({e.Message})";
            return false;
        }
        if (bytes.LongLength > maxBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"is more than {Size(maxBytes)}, the limit");
            bytes = [];
            return false;
        }
        return true;
    }

    /// <summary>Reads a regular text file (UTF-8) of at most <paramref name="maxBytes"/> bytes, or says why not.</summary>
    public static bool TryReadAllText(string path, long maxBytes, out string text, out string? error)
    {
        text = "";
        if (!TryReadAllBytes(path, maxBytes, out var bytes, out error))
            return false;
        text = new System.Text.UTF8Encoding(false).GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        return true;
    }

    /// <summary>A size as "N bytes" with MiB/GiB when large: "16 MiB (16777216 bytes)".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30} GiB ({bytes} bytes)"),
        >= 1L << 20 when bytes % (1L << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB ({bytes} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    private static unsafe int Stat(string path, byte[] buf)
    {
        fixed (byte* p = buf)
            return statx(AT_FDCWD, path, 0, STATX_TYPE | STATX_SIZE, p);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buf);
}
