using Fathom.Runtime.Events;
using Fathom.Server.Up;

namespace Fathom.Server.Tests.Up;

public sealed class ConsoleReporterTests
{
    [Fact]
    public void Output_MultiLineTelemetryRecord_PrintsContinuationLinesUnderTheFirst()
    {
        using var output = new StringWriter { NewLine = "\n" };
        var reporter = new ConsoleReporter(output, color: false);

        reporter.Output(Line(LogStream.Telemetry, "2026-12-07T15:00:00.000Z\tid-1\tERROR\tError: boom\n    at a (/var/task/index.js:1:1)\r\n    at b (/var/task/index.js:2:2)", "ERROR"));
        reporter.Output(Line(LogStream.Stdout, "raw"));

        output.ToString().Should().Be(
            "fn       | 2026-12-07T15:00:00.000Z\tid-1\tERROR\tError: boom\n"
            + "         |     at a (/var/task/index.js:1:1)\n"
            + "         |     at b (/var/task/index.js:2:2)\n"
            + "fn       | raw\n");
    }

    private static LogLine Line(LogStream stream, string text, string? level = null) => new()
    {
        App = "app",
        Environment = "local",
        FunctionName = "fn",
        Version = "1",
        Time = DateTimeOffset.UnixEpoch,
        Stream = stream,
        Text = text,
        Level = level,
    };
}
