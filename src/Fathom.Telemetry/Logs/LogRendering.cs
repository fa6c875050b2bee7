using System.Globalization;

namespace Fathom.Telemetry.Logs;

/// <summary>
/// Turns stored records into the lines users know from Lambda: an invocation record becomes its START (at the
/// invocation's start), END and REPORT (at its end) lines; any other record is its message. The CLI and the API
/// render through here so both print the same text.
/// </summary>
public static class LogRendering
{
    /// <summary>The lines of one record, in order.</summary>
    public static IReadOnlyList<RenderedLogLine> Render(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Invocation is not { } invocation)
        {
            return [new RenderedLogLine(record.Time, record.Message)];
        }

        var requestId = record.RequestId ?? string.Empty;
        return
        [
            new RenderedLogLine(invocation.Start, Start(requestId, record.Version)),
            new RenderedLogLine(record.Time, End(requestId)),
            new RenderedLogLine(record.Time, Report(requestId, invocation)),
        ];
    }

    /// <summary><c>START RequestId: id Version: $LATEST</c>.</summary>
    public static string Start(string requestId, string version) => $"START RequestId: {requestId} Version: {version}";

    /// <summary><c>END RequestId: id</c>.</summary>
    public static string End(string requestId) => $"END RequestId: {requestId}";

    /// <summary>Lambda's tab-separated REPORT line; Init Duration only for a cold start, and as Lambda prints it,
    /// <c>Status: timeout</c> after a timeout and <c>Status: error</c> after any other failure.</summary>
    public static string Report(string requestId, InvocationSummary invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {invocation.Duration.TotalMilliseconds:F2} ms\tBilled Duration: {(long)Math.Ceiling(invocation.BilledDuration.TotalMilliseconds)} ms\tMemory Size: {invocation.MemorySizeMb} MB\tMax Memory Used: {invocation.MaxMemoryUsedMb} MB");
        if (invocation.InitDuration is { } init)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {init.TotalMilliseconds:F2} ms");
        }

        if (invocation.Outcome == "Timeout")
        {
            text += "\tStatus: timeout";
        }
        else if (invocation.Outcome != "Success")
        {
            text += "\tStatus: error";
        }

        return text;
    }
}
