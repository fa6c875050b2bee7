using Fathom.Telemetry.Ingest;
using Fathom.Telemetry.Logs;
using Fathom.Telemetry.Tests.Support;

namespace Fathom.Telemetry.Tests.Ingest;

public sealed class LineContinuationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IndentedLinesWithinTheWindow_JoinTheRecordBefore()
    {
        var continuation = new LineContinuation(TimeSpan.FromMilliseconds(100));
        var ready = new List<LogRecord>();

        continuation.Add(Record("Traceback (most recent call last):", 0), plain: true, ready);
        continuation.Add(Record("  File \"app.py\", line 3", 1), plain: true, ready);
        continuation.Add(Record("    raise ValueError()", 2), plain: true, ready);
        continuation.Add(Record("next record", 3), plain: true, ready);
        continuation.Flush(null, ready);

        ready.Select(r => r.Message).Should().Equal(
            "Traceback (most recent call last):\n  File \"app.py\", line 3\n    raise ValueError()",
            "next record");
    }

    [Fact]
    public void IndentedLineAfterTheWindow_OrFromAnotherStream_StandsAlone()
    {
        var continuation = new LineContinuation(TimeSpan.FromMilliseconds(100));
        var ready = new List<LogRecord>();

        continuation.Add(Record("first", 0), plain: true, ready);
        continuation.Add(Record("  late", 500), plain: true, ready);
        continuation.Add(Record("  other stream", 501, "stderr"), plain: true, ready);
        continuation.Flush(null, ready);

        ready.Select(r => r.Message).Should().BeEquivalentTo(["first", "  late", "  other stream"]);
    }

    [Fact]
    public void HeldRecords_CompleteWhenTheirInvocationEnds_OrTheWindowPasses()
    {
        var continuation = new LineContinuation(TimeSpan.FromMilliseconds(100));
        var ready = new List<LogRecord>();

        continuation.Add(Record("one", 0) with { RequestId = "r1" }, plain: true, ready);
        continuation.Add(Record("two", 0, "stderr") with { RequestId = "r2" }, plain: true, ready);
        ready.Should().BeEmpty("a record is held while a continuation may follow");

        continuation.FlushRequest("r1", ready);
        ready.Select(r => r.Message).Should().Equal("one");
        continuation.Flush(T0.AddMilliseconds(1), ready);
        ready.Select(r => r.Message).Should().Equal("one", "two");
        continuation.HasOpen.Should().BeFalse();
    }

    private static LogRecord Record(string message, int ms, string stream = "stdout") =>
        LogLines.Line(message, time: T0.AddMilliseconds(ms)) with { Stream = stream };
}
