using Fathom.Telemetry.Metrics;

namespace Fathom.Alerting.Alarms;

/// <summary>Reads an alarm's datapoints from the metric store: one per period with data, a rate computed from its two
/// sums, an EMF metric from the series with exactly the alarm's dimensions.</summary>
internal sealed class AlarmMetricReader(MetricStore store)
{
    /// <param name="period">The evaluated (scaled) period, a whole number of seconds.</param>
    /// <param name="version">Only this version (the gate check), else the rule's own.</param>
    public IReadOnlyList<AlarmDatapoint> Read(
        string app, string environment, AlarmRule rule, TimeSpan period, DateTimeOffset start, DateTimeOffset end, string? function = null, string? version = null)
    {
        var metric = rule.Metric;
        var query = new MetricQuery
        {
            App = app,
            Environment = environment,
            Function = function ?? metric.Function,
            Version = version ?? metric.Version,
            Alias = version is null ? metric.Alias : null,
            Start = start,
            End = end,
            Period = period,
        };
        if (metric.Ratio is { } ratio)
        {
            var numerator = Points(store.Query(query with { Metric = ratio.Numerator, Stats = ["sum"] }), null);
            var denominator = Points(store.Query(query with { Metric = ratio.Denominator, Stats = ["sum"] }), null);
            var values = new List<AlarmDatapoint>();
            foreach (var (time, total) in denominator)
            {
                if (total >= ratio.MinimumDenominator && total > 0)
                {
                    values.Add(new AlarmDatapoint(time, 100 * numerator.GetValueOrDefault(time) / total));
                }
            }

            return values;
        }

        var result = metric.IsLambda
            ? store.Query(query with { Metric = metric.Name, Stats = [rule.QueryStatistic] })
            : store.Query(query with { Metric = metric.Name, Namespace = metric.Namespace, Stats = [rule.QueryStatistic] });
        return [.. Points(result, metric.IsLambda ? null : metric.Dimensions).Select(p => new AlarmDatapoint(p.Key, p.Value))];
    }

    private static SortedDictionary<DateTimeOffset, double> Points(MetricQueryResult result, IReadOnlyDictionary<string, string>? dimensions)
    {
        var points = new SortedDictionary<DateTimeOffset, double>();
        var series = dimensions is null ? result.Series.FirstOrDefault() : result.Series.FirstOrDefault(s => SameDimensions(s.Dimensions, dimensions));
        foreach (var point in series?.Points ?? [])
        {
            points[point.Time] = point.Value;
        }

        return points;
    }

    // CloudWatch matches a metric by its exact dimension set: an alarm on {Service} does not see {Service, Operation}.
    private static bool SameDimensions(IReadOnlyDictionary<string, string>? series, IReadOnlyDictionary<string, string> wanted) =>
        (series?.Count ?? 0) == wanted.Count && wanted.All(pair => series!.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
