namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>A cumulative histogram over fixed bounds (Prometheus semantics: counts since the series began). Not
/// thread-safe: the registry guards it.</summary>
internal sealed class Histogram(double[] bounds)
{
    // One count per bound plus the +Inf bucket, each for its own range; the exposition makes them cumulative.
    private readonly long[] _counts = new long[bounds.Length + 1];

    public double[] Bounds => bounds;

    public double Sum { get; private set; }

    public long Count { get; private set; }

    public void Observe(double value)
    {
        var index = Array.BinarySearch(bounds, value);
        // An exact hit belongs to that bucket (le is inclusive); otherwise the next larger bound's.
        _counts[index >= 0 ? index : ~index]++;
        Sum += value;
        Count++;
    }

    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += _counts[i];
            cumulative[i] = running;
        }

        return new HistogramSnapshot(bounds, cumulative, Sum, Count);
    }
}

/// <param name="Bounds">The upper bounds, without +Inf.</param>
/// <param name="Cumulative">Observations at or below each bound, then all of them (+Inf).</param>
/// <param name="Sum">The sum of the observed values.</param>
/// <param name="Count">The number of observations.</param>
internal sealed record HistogramSnapshot(double[] Bounds, long[] Cumulative, double Sum, long Count);
