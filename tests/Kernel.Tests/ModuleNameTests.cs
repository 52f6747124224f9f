using Xunit;

namespace ModActors.Kernel.Tests;

public class ModuleNameTests
{
    [Theory]
    [InlineData(55, 0)]
    [InlineData(56, -2)]
    [InlineData(64, -2)]
    public void Names_of_56_bytes_or_more_are_ENOENT_before_any_lookup(int length, int expected)
    {
        // Oracle F7-F9: 55, 56 and 64 characters all give ENOENT; only the 55-byte one is looked up.
        Assert.Equal(expected, ModuleName.delete_module_name(new string('a', length), out string name));
        if (expected == 0)
            Assert.Equal(new string('a', 55), name);
    }

    [Fact]
    public void An_empty_name_is_ENOENT()
    {
        Assert.Equal(-Errno.ENOENT, ModuleName.delete_module_name("", out _));
    }

    [Fact]
    public void A_null_pointer_is_EFAULT()
    {
        Assert.Equal(-Errno.EFAULT, ModuleName.delete_module_name(null, out _));
    }

    [Fact]
    public void The_name_ends_at_the_first_NUL()
    {
        Assert.Equal(0, ModuleName.delete_module_name("slow\0junk", out string name));
        Assert.Equal("slow", name);
    }

    [Fact]
    public void Length_is_counted_in_bytes()
    {
        Assert.Equal(-Errno.ENOENT, ModuleName.delete_module_name(new string('\u00e9', 28), out _));
        Assert.Equal(0, ModuleName.delete_module_name(new string('\u00e9', 27), out _));
    }

    [Fact]
    public void strncpy_from_user_returns_count_when_unterminated()
    {
        Assert.Equal(4, ModuleName.strncpy_from_user("abcdef", 4, out string dst));
        Assert.Equal("abcd", dst);
        Assert.Equal(3, ModuleName.strncpy_from_user("abc", 4, out dst));
        Assert.Equal("abc", dst);
    }

    [Fact]
    public void Module_lookup_does_not_treat_dash_as_underscore()
    {
        Assert.True(ModuleName.find_module_matches("foo_bar", "foo_bar"));
        Assert.False(ModuleName.find_module_matches("foo_bar", "foo-bar"));
        Assert.True(Params.parameq("delay-ms", "delay_ms"));
    }
}
