namespace Fathom.Telemetry.Metrics;

/// <summary>The <c>--metric-retention</c> words: <c>1s=1h,1m=14d,1h=400d</c>, any of the three, the rest default.</summary>
public static class MetricRetentionText
{
    public static bool TryParse(string text, out MetricRetentionOptions retention, out string? error)
    {
        retention = new MetricRetentionOptions();
        error = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !TelemetryText.TryParseDuration(pair[1], out var keep) || keep <= TimeSpan.Zero)
            {
                error = $"'{part}' is not RESOLUTION=DURATION, such as 1s=1h, 1m=14d or 1h=400d";
                return false;
            }

            switch (pair[0])
            {
                case "1s":
                    retention = retention with { Seconds = keep };
                    break;
                case "1m":
                    retention = retention with { Minutes = keep };
                    break;
                case "1h":
                    retention = retention with { Hours = keep };
                    break;
                default:
                    error = $"'{pair[0]}' is not a resolution: 1s, 1m or 1h";
                    return false;
            }
        }

        return true;
    }
}
