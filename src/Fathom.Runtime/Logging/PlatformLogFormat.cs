using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fathom.Runtime.Invocations;

namespace Fathom.Runtime.Logging;

/// <summary>
/// The lines the platform adds to a function's log, as Lambda writes them for its log format: in <c>Text</c>,
/// <c>START</c>, <c>END</c> and <c>REPORT</c> lines; in <c>JSON</c> (LoggingConfig.LogFormat), one
/// <c>{"time","type":"platform.start","record":{...}}</c> and one <c>platform.report</c> record and no END, so that every
/// line of a JSON-format function parses as JSON. The platform's own error lines (init error, timeout, exit) take the
/// runtime client's JSON record shape (<c>timestamp</c>, <c>level</c>, <c>requestId</c>, <c>message</c>) in JSON.
/// </summary>
internal sealed class PlatformLogFormat
{
    /// <summary>Plain-text lines (the default).</summary>
    public static readonly PlatformLogFormat Text = new(json: false);

    /// <summary>JSON records.</summary>
    public static readonly PlatformLogFormat Json = new(json: true);

    private PlatformLogFormat(bool json) => IsJson = json;

    /// <summary>Whether lines are JSON records.</summary>
    public bool IsJson { get; }

    /// <summary>The format for a function's LoggingConfig.LogFormat (compared case-insensitively, as the Node client does).</summary>
    public static PlatformLogFormat For(string? logFormat) =>
        string.Equals(logFormat, "JSON", StringComparison.OrdinalIgnoreCase) ? Json : Text;

    /// <summary><c>START RequestId: id Version: v</c>, or a <c>platform.start</c> record.</summary>
    public string Start(DateTimeOffset time, string requestId, string version) => IsJson
        ? Record(time, "platform.start", w =>
        {
            w.WriteString("requestId", requestId);
            w.WriteString("version", version);
        })
        : $"START RequestId: {requestId} Version: {version}";

    /// <summary><c>END RequestId: id</c>; null in JSON, where the report closes the invocation.</summary>
    public string? End(string requestId) => IsJson ? null : $"END RequestId: {requestId}";

    /// <summary>The invocation's <c>REPORT</c> line or <c>platform.report</c> record.</summary>
    public string Report(DateTimeOffset time, string requestId, InvocationReport report)
    {
        var durationMs = report.Duration.TotalMilliseconds;
        var billedMs = (long)report.BilledDuration.TotalMilliseconds;
        if (IsJson)
        {
            return Record(time, "platform.report", w =>
            {
                w.WriteString("requestId", requestId);
                w.WriteStartObject("metrics");
                w.WriteNumber("durationMs", Math.Round(durationMs, 2));
                w.WriteNumber("billedDurationMs", billedMs);
                w.WriteNumber("memorySizeMB", report.MemorySizeMb);
                w.WriteNumber("maxMemoryUsedMB", report.MaxMemoryUsedMb);
                if (report.InitDuration is { } init)
                {
                    w.WriteNumber("initDurationMs", Math.Round(init.TotalMilliseconds, 2));
                }

                w.WriteEndObject();
                w.WriteString("status", StatusOf(report.Outcome));
                if (report.Outcome != InvocationOutcome.Success && report.ErrorType is not null)
                {
                    w.WriteString("errorType", report.ErrorType);
                }
            });
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {durationMs:F2} ms\tBilled Duration: {billedMs} ms\t"
            + $"Memory Size: {report.MemorySizeMb} MB\tMax Memory Used: {report.MaxMemoryUsedMb} MB\t");
        if (report.InitDuration is { } initDuration)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"Init Duration: {initDuration.TotalMilliseconds:F2} ms\t");
        }

        // As Lambda: a handled function error is a normal report; what the platform ended is marked.
        if (report.Outcome is InvocationOutcome.Timeout)
        {
            text += "Status: timeout\t";
        }
        else if (report.Outcome is InvocationOutcome.Crash or InvocationOutcome.InitError or InvocationOutcome.OutOfMemory)
        {
            text += $"Status: error\tError Type: {report.ErrorType}\t";
        }

        return text;
    }

    /// <summary>Why init failed: <c>time\tid\tErrorType\tmessage</c>, as the Node client prints an uncaught error.</summary>
    public string InitError(DateTimeOffset time, string requestId, string errorType, string message) => IsJson
        ? ErrorRecord(time, requestId, errorType, message)
        : $"{Stamp(time)}\t{requestId}\t{errorType}\t{message}";

    /// <summary><c>time id Task timed out after 3.00 seconds</c>, as Lambda prints it.</summary>
    public string Timeout(DateTimeOffset time, string requestId, string errorType, string message) => IsJson
        ? ErrorRecord(time, requestId, errorType, message)
        : $"{Stamp(time)} {requestId} {message}";

    /// <summary>The process exited (or was killed for memory) mid-invocation: the message, then the error type, as one line.</summary>
    public string Exited(DateTimeOffset time, string requestId, string errorType, string message) => IsJson
        ? ErrorRecord(time, requestId, errorType, message)
        : $"{message}\n{errorType}".Replace('\n', '\r');

    /// <summary>Lambda's status words: <c>success</c>, <c>timeout</c>, else <c>error</c> (with the error type beside it).</summary>
    internal static string StatusOf(InvocationOutcome outcome) => outcome switch
    {
        InvocationOutcome.Success => "success",
        InvocationOutcome.Timeout => "timeout",
        _ => "error",
    };

    private static string ErrorRecord(DateTimeOffset time, string requestId, string errorType, string message) =>
        Write(w =>
        {
            w.WriteString("timestamp", Stamp(time));
            w.WriteString("level", "ERROR");
            w.WriteString("requestId", requestId);
            w.WriteString("message", message);
            w.WriteString("errorType", errorType);
        });

    private static string Record(DateTimeOffset time, string type, Action<Utf8JsonWriter> record) =>
        Write(w =>
        {
            w.WriteString("time", Stamp(time));
            w.WriteString("type", type);
            w.WriteStartObject("record");
            record(w);
            w.WriteEndObject();
        });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: these lines are read as logs, never embedded in HTML, and "+" or "é" should read as themselves.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
