using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Tests.Support;

namespace Fathom.Telemetry.Tests.Logs;

public sealed class LogRenderingTests
{
    [Fact]
    public void Render_ColdInvocation_IsLambdasStartEndAndReportWithInitDuration()
    {
        var end = LogLines.T0.AddSeconds(5);
        var record = LogLines.Invocation("abc-123", end, init: TimeSpan.FromMilliseconds(150.123)) with { Version = "$LATEST" };

        var lines = LogRendering.Render(record);

        lines.Should().Equal(
            new RenderedLogLine(end - TimeSpan.FromMilliseconds(12.34), "START RequestId: abc-123 Version: $LATEST"),
            new RenderedLogLine(end, "END RequestId: abc-123"),
            new RenderedLogLine(end, "REPORT RequestId: abc-123\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 150.12 ms"));
    }

    [Fact]
    public void Render_WarmInvocation_HasNoInitDuration_AndATimeoutSaysSo()
    {
        var warm = LogRendering.Render(LogLines.Invocation("r", LogLines.T0))[2].Text;
        var timedOut = LogRendering.Render(LogLines.Invocation("r", LogLines.T0, outcome: "Timeout"))[2].Text;

        warm.Should().Be("REPORT RequestId: r\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB");
        timedOut.Should().EndWith("\tMax Memory Used: 60 MB\tStatus: timeout");
    }

    [Fact]
    public void Render_Line_IsItsMessageAtItsTime()
    {
        LogRendering.Render(LogLines.Line("hello\nworld")).Should().Equal(new RenderedLogLine(LogLines.T0, "hello\nworld"));
    }
}
