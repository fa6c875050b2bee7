using System.Globalization;

namespace Fathom.Telemetry;

/// <summary>The duration and size words the CLI, the API and settings share: <c>30s</c>, <c>15m</c>, <c>2h</c>,
/// <c>7d</c>, <c>1w</c>; <c>512KB</c>, <c>100MB</c>, <c>1GB</c> (powers of 1024).</summary>
public static class TelemetryText
{
    public static bool TryParseDuration(string text, out TimeSpan span)
    {
        span = default;
        if (text is null || text.Length < 2
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
        {
            return false;
        }

        span = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.MinValue,
        };
        return span != TimeSpan.MinValue;
    }

    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }

        var upper = text.Trim().ToUpperInvariant();
        var (unit, scale) = upper.EndsWith("GB", StringComparison.Ordinal) ? ("GB", 1L << 30)
            : upper.EndsWith("MB", StringComparison.Ordinal) ? ("MB", 1L << 20)
            : upper.EndsWith("KB", StringComparison.Ordinal) ? ("KB", 1L << 10)
            : ("", 1L);
        if (!long.TryParse(upper.AsSpan(0, upper.Length - unit.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n > long.MaxValue / scale)
        {
            return false;
        }

        bytes = n * scale;
        return true;
    }
}
