namespace Fathom.Telemetry.Metrics;

/// <summary>ConcurrentExecutions: the largest number of invocations of one function version running at the same instant
/// within each second, from the invocations' [start, start + duration) intervals.</summary>
internal static class ConcurrencySweep
{
    /// <summary>The maximum overlap of <paramref name="intervals"/> (ticks) in each second of [<paramref name="from"/>,
    /// <paramref name="to"/>) (Unix seconds), for the seconds where anything ran.</summary>
    public static List<(long Second, int Max)> PerSecond(IReadOnlyList<(long Start, long End)> intervals, long from, long to)
    {
        var fromTicks = from * TimeSpan.TicksPerSecond;
        var toTicks = to * TimeSpan.TicksPerSecond;
        var events = new List<(long Time, int Delta)>(intervals.Count * 2);
        foreach (var (start, end) in intervals)
        {
            var s = Math.Max(start, fromTicks);
            var e = Math.Min(end, toTicks);
            if (e > s)
            {
                events.Add((s, 1));
                events.Add((e, -1));
            }
        }

        // Ends before starts at the same instant: [start, end) intervals that only touch do not overlap.
        events.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Delta.CompareTo(b.Delta));
        var result = new List<(long, int)>();
        var level = 0;
        var i = 0;
        for (var second = from; second < to; second++)
        {
            var secondStart = second * TimeSpan.TicksPerSecond;
            var secondEnd = secondStart + TimeSpan.TicksPerSecond;
            while (i < events.Count && events[i].Time == secondStart && events[i].Delta < 0)
            {
                level += events[i++].Delta;
            }

            var max = level;
            while (i < events.Count && events[i].Time < secondEnd)
            {
                level += events[i++].Delta;
                max = Math.Max(max, level);
            }

            if (max > 0)
            {
                result.Add((second, max));
            }
        }

        return result;
    }
}
