using ModActors.Scenarios.Stress;
using Xunit;

namespace ModActors.Scenarios.Tests.Stress;

public class StressMixTests
{
    [Fact]
    public void The_issue_mix_parses_into_its_weights()
    {
        var mix = StressMix.Parse("load=60,unload=30,get-put=10");
        Assert.Equal(new StressMix(60, 0, 30, 10), mix);
        Assert.Equal(100, mix.Total);
    }

    [Theory]
    [InlineData("load=60,frob=3", "unknown operation 'frob'")]
    [InlineData("load", "is not key=weight")]
    [InlineData("load=-1", "non-negative integer")]
    [InlineData("load=1,load=2", "given twice")]
    [InlineData("load=0,unload=0", "add up to 0")]
    public void A_bad_mix_is_refused_with_a_message_naming_the_problem(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => StressMix.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
