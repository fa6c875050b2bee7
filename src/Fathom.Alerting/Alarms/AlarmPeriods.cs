using Fathom.Platform.Time;

namespace Fathom.Alerting.Alarms;

/// <summary>Periods as evaluated: the configured one divided by the time scale, in whole seconds (the metric store's
/// finest resolution), and the end of the newest period whose points are all written.</summary>
internal static class AlarmPeriods
{
    public static TimeSpan Evaluated(TimeSpan configured, TimeScale scale) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Round(scale.Scale(configured).TotalSeconds)));

    /// <summary>Periods are aligned to the Unix epoch, as CloudWatch aligns them; <paramref name="settle"/> is how long the
    /// recorder takes to write a second.</summary>
    public static DateTimeOffset LastCompleteEnd(DateTimeOffset now, TimeSpan period, TimeSpan settle)
    {
        var seconds = (long)period.TotalSeconds;
        var written = (now - settle).ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(Math.DivRem(written, seconds).Quotient * seconds);
    }
}
