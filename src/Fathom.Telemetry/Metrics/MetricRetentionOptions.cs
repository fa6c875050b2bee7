namespace Fathom.Telemetry.Metrics;

/// <summary>How long each resolution is kept (server-level: an app cannot widen it). The defaults keep the last hour
/// at 1 s (a live chart and a rollout's gate), two weeks at 1 min (a dashboard's day-to-day view) and a bit over a
/// year at 1 h (the trend).</summary>
public sealed record MetricRetentionOptions
{
    public TimeSpan Seconds { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan Minutes { get; init; } = TimeSpan.FromDays(14);

    public TimeSpan Hours { get; init; } = TimeSpan.FromDays(400);

    public TimeSpan For(int resolutionSeconds) => resolutionSeconds switch
    {
        1 => Seconds,
        60 => Minutes,
        _ => Hours,
    };
}
