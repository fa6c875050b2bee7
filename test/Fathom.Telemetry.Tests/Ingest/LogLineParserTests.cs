using Fathom.Runtime.Events;
using Fathom.Telemetry.Ingest;
using LogLevel = Fathom.Telemetry.Logs.LogLevel;

namespace Fathom.Telemetry.Tests.Ingest;

public sealed class LogLineParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NodeTextFormat_TimeRequestIdLevelAndMessage_CarriageReturnsAreNewlines()
    {
        var record = Parse("2026-12-07T09:59:59.123Z\tabcd-1234-efgh\tERROR\tInvoke Error \rError: boom\r    at handler (/var/task/index.js:3:9)", LogStream.Stdout, out var plain);

        record.Time.Should().Be(new DateTimeOffset(2026, 12, 7, 9, 59, 59, 123, TimeSpan.Zero));
        record.RequestId.Should().Be("abcd-1234-efgh");
        record.Level.Should().Be(LogLevel.Error);
        record.Message.Should().Be("Invoke Error \nError: boom\n    at handler (/var/task/index.js:3:9)");
        record.Stream.Should().Be("stdout");
        plain.Should().BeFalse();
    }

    [Fact]
    public void NodeTextFormat_DuringInit_RequestIdUndefined_KeepsTheEventsRequestIdNull()
    {
        var record = Parse("2026-12-07T09:59:59.123Z\tundefined\tINFO\tloading config", LogStream.Stdout, out _);

        record.RequestId.Should().BeNull();
        record.Message.Should().Be("loading config");
    }

    [Fact]
    public void JsonFormat_FieldsKept_LevelTimeAndRequestIdRead_MessageObjectKeptAsJson()
    {
        const string line = """{"timestamp":"2026-12-07T09:59:59.000Z","level":"WARN","requestId":"req-12345678","message":{"orderId":7}}""";

        var record = Parse(line, LogStream.Stdout, out var plain);

        record.Level.Should().Be(LogLevel.Warn);
        record.RequestId.Should().Be("req-12345678");
        record.Message.Should().Be("""{"orderId":7}""");
        record.Fields.Should().Be(line);
        plain.Should().BeFalse();
    }

    [Fact]
    public void PlainLines_StdoutIsInfo_StderrIsError_FramedLevelWins()
    {
        Parse("hello", LogStream.Stdout, out var plain).Level.Should().Be(LogLevel.Info);
        plain.Should().BeTrue();
        Parse("oops", LogStream.Stderr, out _).Level.Should().Be(LogLevel.Error);
        LogLineParser.Parse(Line("quiet", LogStream.Stdout) with { Level = "DEBUG" }, out _).Level.Should().Be(LogLevel.Debug);
    }

    [Fact]
    public void TextThatOnlyLooksLikeTheFormat_StaysPlain()
    {
        Parse("not-a-time\tid\tINFO\tmessage", LogStream.Stdout, out var plain).Message.Should().Be("not-a-time\tid\tINFO\tmessage");
        plain.Should().BeTrue();
        Parse("{not json", LogStream.Stdout, out _).Fields.Should().BeNull();
    }

    [Theory]
    [InlineData("START RequestId: 1 Version: 1", true)]
    [InlineData("END RequestId: 1", true)]
    [InlineData("REPORT RequestId: 1\tDuration: 1 ms", true)]
    [InlineData("""{"time":"x","type":"platform.report","record":{}}""", true)]
    [InlineData("RequestId: 1 Error: Task timed out after 3.00 seconds", false)]
    public void InvocationLines_AreLeftToTheInvocationRecord(string text, bool invocationLine) =>
        LogLineParser.IsInvocationLine(Line(text, LogStream.Platform)).Should().Be(invocationLine);

    private static Fathom.Telemetry.Logs.LogRecord Parse(string text, LogStream stream, out bool plain) => LogLineParser.Parse(Line(text, stream), out plain);

    private static LogLine Line(string text, LogStream stream) => new()
    {
        App = "app",
        Environment = "local",
        FunctionName = "Fn",
        Version = "1",
        Time = Now,
        Stream = stream,
        Text = text,
        EnvironmentId = "env1",
    };
}
