using Xunit;

namespace ModActors.Kernel.Tests;

public class ErrnoTests
{
    [Theory]
    [InlineData(1, "EPERM")]
    [InlineData(2, "ENOENT")]
    [InlineData(8, "ENOEXEC")]
    [InlineData(16, "EBUSY")]
    [InlineData(17, "EEXIST")]
    [InlineData(19, "ENODEV")]
    [InlineData(22, "EINVAL")]
    [InlineData(34, "ERANGE")]
    [InlineData(126, "ENOKEY")]
    [InlineData(133, "EHWPOISON")]
    [InlineData(512, "ERESTARTSYS")]
    [InlineData(524, "ENOTSUPP")]
    public void Values_have_the_header_names(int value, string name)
    {
        Assert.Equal(name, Errno.Name(value));
        Assert.Equal(name, Errno.Name(-value));
        Assert.Equal(value, Errno.Parse(name));
    }

    [Fact]
    public void EWOULDBLOCK_is_EAGAIN_and_prints_as_EAGAIN_like_the_oracle()
    {
        Assert.Equal(Errno.EAGAIN, Errno.EWOULDBLOCK);
        Assert.Equal(11, Errno.Parse("EWOULDBLOCK"));
        Assert.Equal("EAGAIN", Errno.Name(Errno.EWOULDBLOCK));
    }

    [Fact]
    public void EDEADLOCK_prints_as_EDEADLK()
    {
        Assert.Equal(35, Errno.EDEADLOCK);
        Assert.Equal("EDEADLK", Errno.Name(Errno.EDEADLOCK));
    }

    [Theory]
    [InlineData("-EEXIST", 17)]
    [InlineData("EEXIST", 17)]
    [InlineData("17", 17)]
    [InlineData("-17", 17)]
    [InlineData("0", 0)]
    [InlineData("E1000", 1000)]
    public void Parse_accepts_names_numbers_and_a_leading_minus(string text, int expected)
    {
        Assert.Equal(expected, Errno.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("eexist")]
    [InlineData("EFOO")]
    [InlineData("1 7")]
    [InlineData("--17")]
    public void Parse_rejects_what_is_not_an_errno(string text)
    {
        Assert.False(Errno.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => Errno.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E")]
    [InlineData("Ex")]
    public void Parse_rejects_a_bare_E(string text)
    {
        Assert.False(Errno.TryParse(text, out _));
    }

    [Fact]
    public void Zero_and_unknown_values_print_as_numbers()
    {
        Assert.Equal("0", Errno.Name(0));
        Assert.Equal("E1000", Errno.Name(1000));
        Assert.Equal("E1000", Errno.Name(-1000));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(11, "EAGAIN")]
    [InlineData(17, "EEXIST")]
    [InlineData(65, "ENOPKG")]
    [InlineData(512, "E512")]
    [InlineData(1000, "E1000")]
    [InlineData(45, "E45")]
    public void OracleName_prints_what_modctl_prints(int errno, string text)
    {
        // Oracle u: init returning -1000 and -512 reach user space as "errno=E1000" and "errno=E512".
        Assert.Equal(text, Errno.OracleName(errno));
    }
}
