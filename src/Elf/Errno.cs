// The Linux errno values (include/uapi/asm-generic/errno-base.h, errno.h) the module reader can return.
namespace ModActors.Elf;

internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ENOEXEC = 8;
    public const int ENOMEM = 12;
    public const int EINVAL = 22;
    public const int ENODATA = 61;
    public const int ENOPKG = 65;
    public const int EBADMSG = 74;
    public const int ENOKEY = 126;
    public const int EKEYREJECTED = 129;

    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        ENOEXEC => "ENOEXEC",
        ENOMEM => "ENOMEM",
        EINVAL => "EINVAL",
        ENODATA => "ENODATA",
        ENOPKG => "ENOPKG",
        EBADMSG => "EBADMSG",
        ENOKEY => "ENOKEY",
        EKEYREJECTED => "EKEYREJECTED",
        _ => $"E{errno}",
    };
}
