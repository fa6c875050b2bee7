using Fathom.Telemetry.Logs;

namespace Fathom.Telemetry.Tests.Logs;

public sealed class LogFilterTests
{
    [Fact]
    public void Parse_WordsPhrasesAndFields_AreSeparateTerms()
    {
        var filter = LogFilter.Parse("""timeout "connection refused" user.id=42 status>=500 level>=WARN function=orders""");

        filter.Terms.ShouldBe(
            new TextTerm("timeout"),
            new TextTerm("connection refused"),
            new FieldTerm(["user", "id"], FilterOperator.Equal, "42"),
            new FieldTerm(["status"], FilterOperator.GreaterOrEqual, "500"),
            new LevelTerm(FilterOperator.GreaterOrEqual, LogLevel.Warn),
            new ColumnTerm("function", FilterOperator.Equal, "orders"));
    }

    [Theory]
    [InlineData("k=v", "Equal")]
    [InlineData("k!=v", "NotEqual")]
    [InlineData("k>=v", "GreaterOrEqual")]
    [InlineData("k<=v", "LessOrEqual")]
    [InlineData("k>v", "Greater")]
    [InlineData("k<v", "Less")]
    public void Parse_EveryOperator_IsRecognised(string text, string expected)
    {
        LogFilter.Parse(text).Terms.ShouldBe(new FieldTerm(["k"], Enum.Parse<FilterOperator>(expected), "v"));
    }

    [Fact]
    public void Parse_QuotedValueWithEscapes_KeepsSpacesAndQuotes()
    {
        LogFilter.Parse("""msg="say \"hi\" now" """).Terms.ShouldBe(new FieldTerm(["msg"], FilterOperator.Equal, "say \"hi\" now"));
    }

    [Fact]
    public void Parse_ReservedKeys_MapToColumnsAndLevels()
    {
        LogFilter.Parse("requestId=abc version!=3 level=error LEVEL<info").Terms.ShouldBe(
            new ColumnTerm("request_id", FilterOperator.Equal, "abc"),
            new ColumnTerm("version", FilterOperator.NotEqual, "3"),
            new LevelTerm(FilterOperator.Equal, LogLevel.Error),
            new LevelTerm(FilterOperator.Less, LogLevel.Info));
    }

    [Theory]
    [InlineData("=>")]
    [InlineData("a..b=c")]
    [InlineData("1=1")]
    [InlineData("-x=y")]
    [InlineData("<script>")]
    public void Parse_OperatorWithoutAKey_IsAFullTextWord(string text)
    {
        LogFilter.Parse(text).Terms.ShouldBe(new TextTerm(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("\"\"")]
    public void Parse_NothingToMatch_IsEmpty(string? text)
    {
        LogFilter.Parse(text).IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData("error \"timeout", "unclosed quote at 7")]
    [InlineData("msg=\"open", "unclosed quote at 5")]
    [InlineData("a b status=", "missing value after 'status=' at 12")]
    [InlineData("level>=LOUD", "unknown level 'LOUD' at 1: use TRACE, DEBUG, INFO, WARN, ERROR or FATAL")]
    [InlineData("x function>a", "'function' takes only = or != at 3")]
    public void Parse_Invalid_SaysWhatAndWhere(string text, string message)
    {
        var act = () => LogFilter.Parse(text);

        act.Should().Throw<LogFilterException>().WithMessage(message);
    }

    [Fact]
    public void Parse_TooLongOrTooManyTerms_IsRefused()
    {
        var tooLong = () => LogFilter.Parse(new string('a', LogFilter.MaxLength + 1));
        var tooMany = () => LogFilter.Parse(string.Join(' ', Enumerable.Range(0, LogFilter.MaxTerms + 1).Select(i => $"w{i}")));

        tooLong.Should().Throw<LogFilterException>().WithMessage("filter is longer than 2000 characters");
        tooMany.Should().Throw<LogFilterException>().WithMessage("more than 32 terms at *");
    }

    [Fact]
    public void TryParse_Invalid_ReturnsTheErrorWithItsPosition()
    {
        var parsed = LogFilter.TryParse("ok \"", out var filter, out var error);

        parsed.Should().BeFalse();
        filter.IsEmpty.Should().BeTrue();
        error!.Position.Should().Be(4);
    }
}

internal static class LogFilterTermAssertions
{
    public static void ShouldBe(this IReadOnlyList<LogFilterTerm> terms, params LogFilterTerm[] expected) =>
        terms.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering().PreferringRuntimeMemberTypes());
}
