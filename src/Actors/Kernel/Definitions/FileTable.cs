// The files tasks can hand to finit_module: a path, its inode (the idempotent-load table's key: two
// paths of one inode are one file, a copy is another), and what reading it gives — a real .ko image
// (possibly compressed), a synthetic module, or something kernel_read_file refuses (an empty file, a
// directory, a character device).
namespace ModActors.Kernel;

/// <summary>What kind of file a path is.</summary>
public enum SimFileKind
{
    /// <summary>A regular file with content.</summary>
    Regular,
    /// <summary>A regular file of length 0.</summary>
    Empty,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A character device such as /dev/null.</summary>
    CharDevice,
}

/// <summary>How a module file is compressed.</summary>
public enum FileCompression
{
    /// <summary>A plain ELF image.</summary>
    None,
    /// <summary>.ko.xz.</summary>
    Xz,
    /// <summary>.ko.gz.</summary>
    Gzip,
}

/// <summary>One file: a real image (<see cref="Bytes"/>) or a synthetic module (<see cref="Module"/>).</summary>
public sealed record SimFile
{
    /// <summary>The path.</summary>
    public required string Path { get; init; }

    /// <summary>The inode number: files sharing one are the same file.</summary>
    public required long Inode { get; init; }

    /// <summary>The kind of file.</summary>
    public SimFileKind Kind { get; init; } = SimFileKind.Regular;

    /// <summary>The file's bytes, for a real image (compressed as <see cref="Compression"/> says).</summary>
    public ReadOnlyMemory<byte>? Bytes { get; init; }

    /// <summary>The module a synthetic file holds; for a real image, the behaviours to attach to what it parses to.</summary>
    public ModuleDefinition? Module { get; init; }

    /// <summary>The compression of the content.</summary>
    public FileCompression Compression { get; init; }

    /// <summary>The length kernel_read_file reports: the bytes' length, or a nominal size for a synthetic module.</summary>
    public int Length => Kind == SimFileKind.Regular
        ? Bytes?.Length ?? (int)((Module?.CoreSize ?? 0) + (Module?.InitSize ?? 0) + 4096)
        : 0;
}

/// <summary>The files of one simulated machine, by path.</summary>
public sealed class FileTable
{
    private readonly Dictionary<string, SimFile> files = new(StringComparer.Ordinal);
    private long nextInode = 1000;

    /// <summary>Adds a file; throws <see cref="ArgumentException"/> when the path exists.</summary>
    public void Add(SimFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!files.TryAdd(file.Path, file))
            throw new ArgumentException($"file {file.Path} already exists", nameof(file));
    }

    /// <summary>A fresh inode number.</summary>
    public long NewInode() => ++nextInode;

    /// <summary>The file at a path, or null.</summary>
    public SimFile? Find(string path) => files.GetValueOrDefault(path);
}
