// Models lib/kstrtox.c: kstrtoull/kstrtoll and the narrower kstrtouint, kstrtoint, kstrtou16, kstrtos16, kstrtou8,
// kstrtos8, plus kstrtobool. Written by hand rather than with long.TryParse because the kernel's rules differ:
// base 0 detects "0x"/"0" prefixes, one trailing '\n' is allowed, no leading spaces, '+' only where kstrtoull
// takes it, and -ERANGE vs -EINVAL depend on exactly where parsing stops. Results are 0 or a negative errno.
namespace ModActors.Kernel;

internal static class Kstrtox
{
    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool isxdigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static char _tolower(char c) => (char)(c | 0x20);

    /// <summary>_parse_integer_fixup_radix(): picks base 16/8/10 for base 0 and skips a "0x" prefix in base 16.</summary>
    private static int _parse_integer_fixup_radix(string s, int pos, ref uint @base)
    {
        if (@base == 0)
        {
            if (At(s, pos) == '0')
                @base = _tolower(At(s, pos + 1)) == 'x' && isxdigit(At(s, pos + 2)) ? 16u : 8u;
            else
                @base = 10;
        }
        if (@base == 16 && At(s, pos) == '0' && _tolower(At(s, pos + 1)) == 'x')
            pos += 2;
        return pos;
    }

    /// <summary>_parse_integer(): digits consumed (0 = none) and whether the value overflowed 64 bits.</summary>
    private static (int Consumed, bool Overflow) _parse_integer(string s, int pos, uint @base, out ulong res)
    {
        res = 0;
        int rv = 0;
        bool overflow = false;
        while (true)
        {
            char c = At(s, pos + rv);
            char lc = _tolower(c);
            uint val;
            if (c is >= '0' and <= '9')
                val = (uint)(c - '0');
            else if (lc is >= 'a' and <= 'f')
                val = (uint)(lc - 'a' + 10);
            else
                break;
            if (val >= @base)
                break;
            if (res > (ulong.MaxValue - val) / @base)
                overflow = true;
            res = unchecked(res * @base + val);
            rv++;
        }
        return (rv, overflow);
    }

    private static int _kstrtoull(string s, int pos, uint @base, out ulong res)
    {
        res = 0;
        pos = _parse_integer_fixup_radix(s, pos, ref @base);
        (int rv, bool overflow) = _parse_integer(s, pos, @base, out ulong parsed);
        if (overflow)
            return -Errno.ERANGE;
        if (rv == 0)
            return -Errno.EINVAL;
        pos += rv;
        if (At(s, pos) == '\n')
            pos++;
        if (At(s, pos) != '\0')
            return -Errno.EINVAL;
        res = parsed;
        return 0;
    }

    /// <summary>kstrtoull(): an optional '+', then digits in <paramref name="base"/> (0 = detect).</summary>
    public static int kstrtoull(string s, uint @base, out ulong res) =>
        _kstrtoull(s, At(s, 0) == '+' ? 1 : 0, @base, out res);

    /// <summary>kstrtoll(): a '-' or optional '+', then digits; -ERANGE outside long long.</summary>
    public static int kstrtoll(string s, uint @base, out long res)
    {
        res = 0;
        int rv;
        if (At(s, 0) == '-')
        {
            rv = _kstrtoull(s, 1, @base, out ulong tmp);
            if (rv < 0)
                return rv;
            long neg = unchecked(-(long)tmp);
            if (neg > 0)
                return -Errno.ERANGE;
            res = neg;
        }
        else
        {
            rv = kstrtoull(s, @base, out ulong tmp);
            if (rv < 0)
                return rv;
            if (unchecked((long)tmp) < 0)
                return -Errno.ERANGE;
            res = (long)tmp;
        }
        return 0;
    }

    /// <summary>kstrtoul(): unsigned long is 64-bit on x86-64, so this is kstrtoull().</summary>
    public static int kstrtoul(string s, uint @base, out ulong res) => kstrtoull(s, @base, out res);

    /// <summary>kstrtol(): long is 64-bit on x86-64, so this is kstrtoll().</summary>
    public static int kstrtol(string s, uint @base, out long res) => kstrtoll(s, @base, out res);

    /// <summary>kstrtouint().</summary>
    public static int kstrtouint(string s, uint @base, out uint res)
    {
        res = 0;
        int rv = kstrtoull(s, @base, out ulong tmp);
        if (rv < 0)
            return rv;
        if (tmp > uint.MaxValue)
            return -Errno.ERANGE;
        res = (uint)tmp;
        return 0;
    }

    /// <summary>kstrtoint().</summary>
    public static int kstrtoint(string s, uint @base, out int res)
    {
        res = 0;
        int rv = kstrtoll(s, @base, out long tmp);
        if (rv < 0)
            return rv;
        if (tmp is < int.MinValue or > int.MaxValue)
            return -Errno.ERANGE;
        res = (int)tmp;
        return 0;
    }

    /// <summary>kstrtou16().</summary>
    public static int kstrtou16(string s, uint @base, out ushort res)
    {
        res = 0;
        int rv = kstrtoull(s, @base, out ulong tmp);
        if (rv < 0)
            return rv;
        if (tmp > ushort.MaxValue)
            return -Errno.ERANGE;
        res = (ushort)tmp;
        return 0;
    }

    /// <summary>kstrtos16().</summary>
    public static int kstrtos16(string s, uint @base, out short res)
    {
        res = 0;
        int rv = kstrtoll(s, @base, out long tmp);
        if (rv < 0)
            return rv;
        if (tmp is < short.MinValue or > short.MaxValue)
            return -Errno.ERANGE;
        res = (short)tmp;
        return 0;
    }

    /// <summary>kstrtou8().</summary>
    public static int kstrtou8(string s, uint @base, out byte res)
    {
        res = 0;
        int rv = kstrtoull(s, @base, out ulong tmp);
        if (rv < 0)
            return rv;
        if (tmp > byte.MaxValue)
            return -Errno.ERANGE;
        res = (byte)tmp;
        return 0;
    }

    /// <summary>kstrtos8().</summary>
    public static int kstrtos8(string s, uint @base, out sbyte res)
    {
        res = 0;
        int rv = kstrtoll(s, @base, out long tmp);
        if (rv < 0)
            return rv;
        if (tmp is < sbyte.MinValue or > sbyte.MaxValue)
            return -Errno.ERANGE;
        res = (sbyte)tmp;
        return 0;
    }

    /// <summary>
    /// kstrtobool(): only the first one or two characters count: y/Y/t/T/1 and "on" are true, n/N/f/F/0 and "of"
    /// are false; anything else (and NULL) is -EINVAL.
    /// </summary>
    public static int kstrtobool(string? s, out bool res)
    {
        res = false;
        if (s is null)
            return -Errno.EINVAL;
        switch (At(s, 0))
        {
            case 'y' or 'Y' or 't' or 'T' or '1':
                res = true;
                return 0;
            case 'n' or 'N' or 'f' or 'F' or '0':
                res = false;
                return 0;
            case 'o' or 'O':
                switch (At(s, 1))
                {
                    case 'n' or 'N':
                        res = true;
                        return 0;
                    case 'f' or 'F':
                        res = false;
                        return 0;
                }
                break;
        }
        return -Errno.EINVAL;
    }
}
