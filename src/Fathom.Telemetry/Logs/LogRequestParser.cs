using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Fathom.Telemetry.Logs;

/// <summary>Reads a log query from URL parameters, the same for a page, the live stream and (later) dashboard URLs:
/// <c>function</c>, <c>version</c>, <c>requestId</c>, <c>level</c> (the lowest shown), <c>since</c> (<c>15m</c>, <c>2h</c>,
/// <c>7d</c>) or <c>start</c>/<c>end</c> (RFC 3339), <c>filter</c> (docs/logs.md grammar), <c>cursor</c>, <c>limit</c>.</summary>
internal static class LogRequestParser
{
    public static bool TryParse(HttpRequest request, TimeProvider time, out LogQuery query, out string? error)
    {
        var q = request.Query;
        query = new LogQuery();
        error = null;
        DateTimeOffset? start = null, end = null;
        if (q["since"].ToString() is { Length: > 0 } since)
        {
            if (!TelemetryText.TryParseDuration(since, out var span))
            {
                error = $"since: '{since}' is not a duration such as 30s, 15m, 2h or 7d";
                return false;
            }

            start = time.GetUtcNow() - span;
        }

        if (!TryTime(q["start"], "start", ref start, ref error) || !TryTime(q["end"], "end", ref end, ref error))
        {
            return false;
        }

        LogLevel? level = null;
        if (q["level"].ToString() is { Length: > 0 } levelText)
        {
            if (!Enum.TryParse<LogLevel>(levelText, ignoreCase: true, out var parsedLevel) || !Enum.IsDefined(parsedLevel) || int.TryParse(levelText, out _))
            {
                error = $"level: '{levelText}' is not one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL";
                return false;
            }

            level = parsedLevel;
        }

        LogFilter? filter = null;
        if (q["filter"].ToString() is { Length: > 0 } filterText)
        {
            try
            {
                filter = LogFilter.Parse(filterText);
            }
            catch (LogFilterException e)
            {
                error = $"filter: {e.Message}";
                return false;
            }
        }

        long? before = null;
        if (q["cursor"].ToString() is { Length: > 0 } cursorText)
        {
            if (!long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
            {
                error = $"cursor: '{cursorText}' is not a cursor from an earlier page";
                return false;
            }

            before = cursor;
        }

        var limit = LogQuery.DefaultLimit;
        if (q["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > LogQuery.MaxLimit))
        {
            error = $"limit: '{limitText}' is not a number from 1 to {LogQuery.MaxLimit}";
            return false;
        }

        query = new LogQuery
        {
            App = Optional(q["app"]),
            Environment = Optional(q["env"]),
            Function = Optional(q["function"]),
            Version = Optional(q["version"]),
            RequestId = Optional(q["requestId"]),
            MinLevel = level,
            Start = start,
            End = end,
            Filter = filter,
            Before = before,
            Limit = limit,
        };
        return true;
    }

    private static bool TryTime(Microsoft.Extensions.Primitives.StringValues value, string name, ref DateTimeOffset? result, ref string? error)
    {
        if (value.ToString() is not { Length: > 0 } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            error = $"{name}: '{text}' is not an RFC 3339 time such as 2026-12-07T10:00:00Z";
            return false;
        }

        result = parsed;
        return true;
    }

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is { Length: > 0 } text ? text : null;
}
