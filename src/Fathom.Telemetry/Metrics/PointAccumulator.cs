using HdrHistogram;

namespace Fathom.Telemetry.Metrics;

/// <summary>One metric's statistics over one period: sample count, sum, min, max and, for durations, the histogram that
/// percentiles come from. Points of any periods merge exactly (sums add, extremes compare, histograms add), so a minute
/// is its seconds merged and a query range is its points merged — a percentile is never averaged.</summary>
internal sealed class PointAccumulator
{
    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Durations in microseconds (<see cref="DurationHistogram"/>); null for metrics without percentiles.</summary>
    public LongHistogram? Histogram { get; private set; }

    public static PointAccumulator ForHistogram() => new() { Histogram = DurationHistogram.Create() };

    public void Add(double value)
    {
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (Histogram is not null)
        {
            DurationHistogram.Record(Histogram, value);
        }
    }

    /// <summary>Adds a stored point (its histogram encoded, or null).</summary>
    public void Merge(long count, double sum, double min, double max, byte[]? histogram) =>
        Merge(count, sum, min, max, histogram is null ? null : DurationHistogram.Decode(histogram));

    /// <summary>Adds a stored point whose histogram is already decoded (or null).</summary>
    public void Merge(long count, double sum, double min, double max, HistogramBase? histogram)
    {
        if (count == 0)
        {
            return;
        }

        Count += count;
        Sum += sum;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        if (histogram is not null)
        {
            Histogram ??= DurationHistogram.Create();
            Histogram.Add(histogram);
        }
    }

    /// <summary>A rollup's share of a late ConcurrentExecutions correction: one of its seconds read
    /// <paramref name="before"/> (null: it had no point) and now reads <paramref name="after"/>.</summary>
    public void RaiseSecond(double? before, double after)
    {
        if (before is null)
        {
            Count++;
            Min = Math.Min(Min, after);
        }

        Sum += after - (before ?? 0);
        Max = Math.Max(Max, after);
    }

    public void Merge(PointAccumulator other)
    {
        if (other.Count == 0)
        {
            return;
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        if (other.Histogram is not null)
        {
            Histogram ??= DurationHistogram.Create();
            Histogram.Add(other.Histogram);
        }
    }

    /// <summary>A percentile from the histogram, kept within the exact min and max: a bucket's upper edge never reads
    /// above the largest value recorded.</summary>
    public double? Percentile(double percentile) =>
        Histogram is { TotalCount: > 0 } h ? Math.Clamp(DurationHistogram.Percentile(h, percentile), Min, Max) : null;
}
