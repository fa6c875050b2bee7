using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fathom.Telemetry.Metrics;

/// <summary>Reads a metric query from URL parameters: <c>app</c>, <c>env</c>, <c>function</c>, <c>version</c>,
/// <c>alias</c>, <c>source</c>, <c>route</c>, <c>metric</c>, <c>namespace</c>, <c>stat</c> (comma-separated or repeated),
/// <c>since</c> (default <c>1h</c>) or <c>start</c>/<c>end</c> (RFC 3339), <c>period</c> (default <c>1m</c>),
/// <c>total</c>.</summary>
internal static class MetricRequestParser
{
    public static bool TryParse(HttpRequest request, TimeProvider time, out MetricQuery query, out string? error)
    {
        var q = request.Query;
        var now = time.GetUtcNow();
        query = new MetricQuery { Start = now, End = now };
        error = null;
        var since = Optional(q["since"]) ?? "1h";
        if (!TelemetryText.TryParseDuration(since, out var span) || span <= TimeSpan.Zero)
        {
            error = $"since: '{since}' is not a duration such as 30s, 15m, 2h or 7d";
            return false;
        }

        var start = now - span;
        var end = now;
        if (!TryTime(q["start"], "start", ref start, ref error) || !TryTime(q["end"], "end", ref end, ref error))
        {
            return false;
        }

        if (end <= start)
        {
            error = "end: must be after start";
            return false;
        }

        var periodText = Optional(q["period"]) ?? "1m";
        if (!TelemetryText.TryParseDuration(periodText, out var period) || period < TimeSpan.FromSeconds(1))
        {
            error = $"period: '{periodText}' is not a duration of at least 1s, such as 1s, 1m, 5m or 1h";
            return false;
        }

        if ((end - start) / period > MetricQuery.MaxPoints)
        {
            error = $"period: {periodText} over this range gives more than {MetricQuery.MaxPoints} points; choose a longer period";
            return false;
        }

        var stats = q["stat"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var stat in stats)
        {
            if (!MetricStat.TryParse(stat, out _))
            {
                error = $"stat: '{stat}' is not one of sum, avg, min, max, count or a percentile such as p50, p99, p99.9";
                return false;
            }
        }

        var total = Optional(q["total"]);
        if (total is not null and not "true" and not "false")
        {
            error = $"total: '{total}' is neither true nor false";
            return false;
        }

        query = new MetricQuery
        {
            App = Optional(q["app"]),
            Environment = Optional(q["env"]),
            Function = Optional(q["function"]),
            Version = Optional(q["version"]),
            Alias = Optional(q["alias"]),
            Source = Optional(q["source"]),
            Route = Optional(q["route"]),
            Metric = Optional(q["metric"]),
            Namespace = Optional(q["namespace"]),
            Stats = stats,
            Start = start,
            End = end,
            Period = period,
            IncludeTotal = total == "true",
        };
        return true;
    }

    /// <summary>A period as the API writes it back: <c>1d</c>, <c>1h</c>, <c>5m</c>, <c>30s</c>.</summary>
    public static string Format(TimeSpan period) =>
        period.Ticks % TimeSpan.TicksPerDay == 0 ? $"{(long)period.TotalDays}d"
        : period.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)period.TotalHours}h"
        : period.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)period.TotalMinutes}m"
        : $"{(long)period.TotalSeconds}s";

    private static bool TryTime(StringValues value, string name, ref DateTimeOffset result, ref string? error)
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

    private static string? Optional(StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
