using Xunit;

namespace ModActors.Kernel.Tests;

public class KstrtoxTests
{
    [Theory]
    [InlineData("5", 0, 5)]
    [InlineData("5\n", 0, 5)]
    [InlineData("+5", 0, 5)]
    [InlineData("-5", 0, -5)]
    [InlineData("0x1f", 0, 31)]
    [InlineData("0X1F", 0, 31)]
    [InlineData("010", 0, 8)]
    [InlineData("0", 0, 0)]
    [InlineData("-0", 0, 0)]
    [InlineData("1f", 16, 31)]
    [InlineData("0x1f", 16, 31)]
    [InlineData("2147483647", 0, int.MaxValue)]
    [InlineData("-2147483648", 0, int.MinValue)]
    public void kstrtoint_accepts_kernel_number_syntax(string text, uint @base, int expected)
    {
        Assert.Equal(0, Kstrtox.kstrtoint(text, @base, out int v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("abc", -22)]
    [InlineData("", -22)]
    [InlineData("-", -22)]
    [InlineData(" 5", -22)]
    [InlineData("5 ", -22)]
    [InlineData("5\n\n", -22)]
    [InlineData("5x", -22)]
    [InlineData("08", -22)]
    [InlineData("0x", -22)]
    [InlineData("0xg", -22)]
    [InlineData("--5", -22)]
    [InlineData("+-5", -22)]
    [InlineData("-+5", -22)]
    [InlineData("99999999999", -34)]
    [InlineData("2147483648", -34)]
    [InlineData("-2147483649", -34)]
    [InlineData("99999999999999999999999", -34)]
    [InlineData("99999999999999999999999x", -34)]
    public void kstrtoint_tells_EINVAL_from_ERANGE(string text, int expected)
    {
        Assert.Equal(expected, Kstrtox.kstrtoint(text, 0, out _));
    }

    [Fact]
    public void kstrtoll_range_ends_and_overflow()
    {
        Assert.Equal(0, Kstrtox.kstrtoll("-9223372036854775808", 0, out long min));
        Assert.Equal(long.MinValue, min);
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtoll("-9223372036854775809", 0, out _));
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtoll("9223372036854775808", 0, out _));
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtoll("-18446744073709551615", 0, out _));
    }

    [Fact]
    public void kstrtoull_takes_the_full_64_bits_and_no_minus()
    {
        Assert.Equal(0, Kstrtox.kstrtoull("18446744073709551615", 0, out ulong max));
        Assert.Equal(ulong.MaxValue, max);
        Assert.Equal(0, Kstrtox.kstrtoull("0xffffffffffffffff", 0, out max));
        Assert.Equal(ulong.MaxValue, max);
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtoull("18446744073709551616", 0, out _));
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtoull("0x10000000000000000", 0, out _));
        Assert.Equal(-Errno.EINVAL, Kstrtox.kstrtoull("-1", 0, out _));
    }

    [Fact]
    public void Narrow_types_give_ERANGE_past_their_width()
    {
        Assert.Equal(0, Kstrtox.kstrtou8("255", 0, out byte b));
        Assert.Equal(255, b);
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtou8("256", 0, out _));
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtos16("32768", 0, out _));
        Assert.Equal(0, Kstrtox.kstrtos16("-32768", 0, out short s));
        Assert.Equal(short.MinValue, s);
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtou16("65536", 0, out _));
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtouint("4294967296", 0, out _));
        Assert.Equal(-Errno.ERANGE, Kstrtox.kstrtos8("-129", 0, out _));
    }

    [Theory]
    [InlineData("y", true)]
    [InlineData("Yes", true)]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("on", true)]
    [InlineData("ON", true)]
    [InlineData("n", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("1xyz", true)]
    public void kstrtobool_looks_only_at_the_first_characters(string text, bool expected)
    {
        Assert.Equal(0, Kstrtox.kstrtobool(text, out bool v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("o")]
    [InlineData("ox")]
    [InlineData("2")]
    [InlineData(null)]
    public void kstrtobool_rejects_the_rest(string? text)
    {
        Assert.Equal(-Errno.EINVAL, Kstrtox.kstrtobool(text, out _));
    }
}
