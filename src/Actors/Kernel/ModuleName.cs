// Models how the kernel reads and compares module names: delete_module() copies the name with
// strncpy_from_user(name, name_user, MODULE_NAME_LEN) and rejects an empty or unterminated one with -ENOENT
// (so names of 56 bytes or more never match: oracle F6-F9); find_module_all() then compares bytes exactly.
// The only place '-' and '_' are the same is parameter names (parameq() in kernel/params.c, see Params);
// module names reach the kernel already normalised by modpost and kmod.
using System.Text;

namespace ModActors.Kernel;

/// <summary>Module name rules of kernel/module/main.c.</summary>
public static class ModuleName
{
    /// <summary>MODULE_NAME_LEN: 64 - sizeof(unsigned long) = 56 bytes, NUL included, so names hold 55 bytes.</summary>
    public const int MODULE_NAME_LEN = 56;

    /// <summary>
    /// strncpy_from_user(dst, src, count): copies bytes (UTF-8) up to the first NUL or <paramref name="count"/>.
    /// Returns the name's length when a NUL was found within <paramref name="count"/> bytes, otherwise
    /// <paramref name="count"/> (the copy is not terminated); -EFAULT for a NULL pointer (null).
    /// </summary>
    public static int strncpy_from_user(string? user, int count, out string dst)
    {
        dst = "";
        if (user is null)
            return -Errno.EFAULT;
        byte[] bytes = Encoding.UTF8.GetBytes(user);
        int nul = Array.IndexOf(bytes, (byte)0);
        int len = nul >= 0 ? nul : bytes.Length;
        if (len >= count)
        {
            dst = Encoding.UTF8.GetString(bytes, 0, count);
            return count;
        }
        dst = Encoding.UTF8.GetString(bytes, 0, len);
        return len;
    }

    /// <summary>
    /// The name step of delete_module(): 0 and the name, or -ENOENT for "" and for names of MODULE_NAME_LEN
    /// bytes or more, or -EFAULT for a NULL pointer.
    /// </summary>
    public static int delete_module_name(string? user, out string name)
    {
        int len = strncpy_from_user(user, MODULE_NAME_LEN, out name);
        if (len == 0 || len == MODULE_NAME_LEN)
            return -Errno.ENOENT;
        return len < 0 ? len : 0;
    }

    /// <summary>find_module_all()'s comparison: same length and same bytes ("foo-bar" is not "foo_bar").</summary>
    public static bool find_module_matches(string modName, string name) => string.Equals(modName, name, StringComparison.Ordinal);
}
