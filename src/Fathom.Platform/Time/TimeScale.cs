namespace Fathom.Platform.Time;

/// <summary>The server-level <c>--time-scale N</c> (DESIGN.md "Time"): configured durations (alarm periods, rollout and
/// hook intervals, uptime intervals, retry back-off, <c>rate()</c> schedules) are divided by it, so tests and demos run
/// minutes in seconds. Never cron schedules, function timeouts or retention; the wall clock is never scaled.</summary>
public sealed class TimeScale
{
    /// <summary>No compression.</summary>
    public static readonly TimeScale None = new(1);

    /// <param name="factor">1 or more.</param>
    public TimeScale(double factor)
    {
        if (double.IsNaN(factor) || factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The time scale is 1 or more.");
        }

        Factor = factor;
    }

    /// <summary>How many times faster configured durations pass.</summary>
    public double Factor { get; }

    /// <summary>A configured duration as it passes under this scale.</summary>
    public TimeSpan Scale(TimeSpan configured) => Factor == 1 ? configured : TimeSpan.FromTicks((long)(configured.Ticks / Factor));
}
