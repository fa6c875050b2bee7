using System.Globalization;
using System.Text.Json;
using Fathom.Runtime.Events;
using Fathom.Telemetry.Logs;
using LogLevel = Fathom.Telemetry.Logs.LogLevel;

namespace Fathom.Telemetry.Ingest;

/// <summary>Turns one line of function output into a <see cref="LogRecord"/>: the Node runtime client's text format
/// (<c>time \t requestId \t LEVEL \t message</c>, newlines inside a message written as <c>\r</c>), its JSON format
/// (<c>LoggingConfig.LogFormat: JSON</c>, every field kept), any other JSON object a handler prints, and plain text
/// (stdout <c>INFO</c>, stderr <c>ERROR</c>).</summary>
internal static class LogLineParser
{
    /// <summary>True for the platform's START / END / REPORT lines (text or JSON): the invocation record stands for
    /// them, stored once.</summary>
    public static bool IsInvocationLine(LogLine line)
    {
        if (line.Stream != LogStream.Platform)
        {
            return false;
        }

        var text = line.Text;
        return text.StartsWith("START RequestId: ", StringComparison.Ordinal)
            || text.StartsWith("END RequestId: ", StringComparison.Ordinal)
            || text.StartsWith("REPORT RequestId: ", StringComparison.Ordinal)
            || (text.StartsWith('{') && text.Contains("\"type\":\"platform.", StringComparison.Ordinal));
    }

    /// <param name="line">The line as the runtime published it.</param>
    /// <param name="plain">Set when the line had no format of its own: neither the runtime client's text nor JSON.</param>
    public static LogRecord Parse(LogLine line, out bool plain)
    {
        plain = false;
        var text = line.Text;
        var level = DefaultLevel(line);
        var time = line.Time;
        var requestId = line.RequestId;
        string message = text;
        string? fields = null;

        if (text.StartsWith('{') && TryJson(text, ref level, ref time, ref requestId, out var jsonMessage))
        {
            fields = text;
            message = jsonMessage;
        }
        else if (TryText(text, out var textTime, out var textRequestId, out var textLevel, out var textMessage))
        {
            time = textTime ?? time;
            requestId = textRequestId ?? requestId;
            level = textLevel ?? level;
            message = textMessage;
            if (message.StartsWith('{') && message.EndsWith('}') && IsJsonObject(message))
            {
                // console.log(JSON.stringify({...})) in text format: the fields are still worth filtering on.
                fields = message;
            }
        }
        else
        {
            plain = line.Stream != LogStream.Platform && line.Level is null;
        }

        return new LogRecord
        {
            Time = time,
            App = line.App,
            Environment = line.Environment,
            Function = line.FunctionName,
            Version = line.Version,
            Qualifier = line.Qualifier,
            Source = line.Source,
            RequestId = requestId,
            Level = level,
            Message = message,
            Fields = fields,
            Stream = StreamName(line.Stream),
            EnvironmentId = line.EnvironmentId,
        };
    }

    public static string StreamName(LogStream stream) => stream switch
    {
        LogStream.Stdout => "stdout",
        LogStream.Stderr => "stderr",
        LogStream.Platform => "platform",
        _ => stream.ToString().ToLowerInvariant(),
    };

    public static LogLevel? ParseLevel(string? name) => name?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" or "LOG" => LogLevel.Info,
        "WARN" or "WARNING" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Fatal,
        _ => null,
    };

    private static LogLevel DefaultLevel(LogLine line) =>
        ParseLevel(line.Level) ?? line.Stream switch
        {
            LogStream.Stderr => LogLevel.Error,
            LogStream.Platform => line.Text.StartsWith("RequestId: ", StringComparison.Ordinal) ? LogLevel.Error : LogLevel.Info,
            _ => LogLevel.Info,
        };

    // time \t requestId \t LEVEL \t message: the Node runtime client's text format (and the framed stream's text).
    private static bool TryText(string text, out DateTimeOffset? time, out string? requestId, out LogLevel? level, out string message)
    {
        time = null;
        requestId = null;
        level = null;
        message = text;
        var first = text.IndexOf('\t', StringComparison.Ordinal);
        if (first is < 20 or > 40)
        {
            return false;
        }

        var second = text.IndexOf('\t', first + 1);
        var third = second < 0 ? -1 : text.IndexOf('\t', second + 1);
        if (third < 0 || third - second > 8
            || !DateTimeOffset.TryParse(text.AsSpan(0, first), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        level = ParseLevel(text[(second + 1)..third]);
        if (level is null)
        {
            return false;
        }

        time = parsed;
        var id = text[(first + 1)..second];
        requestId = id is "undefined" or "null" or "" ? null : id;
        // The client writes a message's newlines as \r so that one console call stays one line of stdout; the
        // framed stream keeps real newlines and ends each record with one.
        message = text[(third + 1)..].TrimEnd('\n').Replace('\r', '\n');
        return true;
    }

    private static bool TryJson(string text, ref LogLevel level, ref DateTimeOffset time, ref string? requestId, out string message)
    {
        message = text;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if ((String(root, "level") ?? String(root, "severity")) is { } levelName && ParseLevel(levelName) is { } parsed)
            {
                level = parsed;
            }

            if ((String(root, "timestamp") ?? String(root, "time")) is { } stamp
                && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                time = at;
            }

            requestId = String(root, "requestId") ?? requestId;
            if (root.TryGetProperty("message", out var body) || root.TryGetProperty("msg", out body))
            {
                message = body.ValueKind == JsonValueKind.String ? body.GetString() ?? "" : body.GetRawText();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
