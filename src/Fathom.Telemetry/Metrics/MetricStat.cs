using System.Globalization;

namespace Fathom.Telemetry.Metrics;

/// <summary>A statistic's name parsed once: <c>sum</c>, <c>avg</c>, <c>min</c>, <c>max</c>, <c>count</c> (samples) or a
/// percentile <c>pNN</c> (0 &lt; NN ≤ 100, e.g. <c>p99.9</c>).</summary>
internal readonly record struct MetricStat(string Name, double? Percentile)
{
    public static bool TryParse(string text, out MetricStat stat)
    {
        var name = text.Trim().ToLowerInvariant();
        stat = new MetricStat(name, null);
        if (name is "sum" or "avg" or "min" or "max" or "count")
        {
            return true;
        }

        if (name.Length > 1 && name[0] == 'p'
            && double.TryParse(name.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 100)
        {
            stat = new MetricStat(name, p);
            return true;
        }

        return false;
    }

    /// <summary>The percentile precomputed on every stored point, readable without its histogram.</summary>
    public int? StoredColumn => Percentile switch { 50 => 6, 90 => 7, 99 => 8, _ => null };

    public double? Of(PointAccumulator point) => Name switch
    {
        _ when point.Count == 0 => null,
        "sum" => point.Sum,
        "avg" => point.Sum / point.Count,
        "min" => point.Min,
        "max" => point.Max,
        "count" => point.Count,
        _ => point.Percentile(Percentile!.Value),
    };
}
