using SiteFinder.Domain.Operators;

namespace SiteFinder.Domain.Tests.Operators;

public class OperatorKeyFieldsTests
{
    [Theory]
    [InlineData("浦东新区-张三", "浦东新区-张三")]
    [InlineData("  浦东新区 ", "浦东新区")]
    [InlineData("a", "a")]
    public void Good_text_is_kept_trimmed(string text, string expected)
    {
        var (value, problem) = OperatorKeyFields.Read(text);
        Assert.Null(problem);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData(" \t ", "required")]
    [InlineData("张三\n浦东新区-李四", "control characters")]
    [InlineData("a\u0000b", "control characters")]
    public void Missing_or_forging_text_is_refused(string? text, string expected)
    {
        var (value, problem) = OperatorKeyFields.Read(text);
        Assert.Null(value);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limit_applies_to_the_trimmed_text()
    {
        var longest = new string('区', OperatorKeyFields.MaxLength);
        Assert.Equal(longest, OperatorKeyFields.Read("  " + longest + "  ").Value);

        var (value, problem) = OperatorKeyFields.Read(longest + "区");
        Assert.Null(value);
        Assert.Equal($"{OperatorKeyFields.MaxLength + 1} characters; at most {OperatorKeyFields.MaxLength}", problem);
    }
}
