// The errnos depmod reports and glibc's strerror text for them, which kmod prints with %m / strerror.
namespace ModActors.Elf.Depmod;

internal static class DepmodErrno
{
    public const int ENOENT = 2;
    public const int EIO = 5;
    public const int ENOEXEC = 8;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;

    public static string strerror(int errno) => errno switch
    {
        ENOENT => "No such file or directory",
        EIO => "Input/output error",
        ENOEXEC => "Exec format error",
        ENOMEM => "Cannot allocate memory",
        EACCES => "Permission denied",
        ENOTDIR => "Not a directory",
        EINVAL => "Invalid argument",
        _ => $"Unknown error {errno}",
    };
}
