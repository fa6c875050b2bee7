namespace Fathom.Telemetry.Metrics;

/// <summary>A query's answer: one series per metric, statistic and (for routes and EMF) route or dimension set.</summary>
/// <param name="Start">The first point's start (the range's start, aligned down to the period).</param>
/// <param name="End">The range's end (exclusive).</param>
/// <param name="Resolution">The stored resolution the points were read from (1 s, 1 min or 1 h).</param>
public sealed record MetricQueryResult(DateTimeOffset Start, DateTimeOffset End, TimeSpan Period, TimeSpan Resolution, IReadOnlyList<MetricSeriesResult> Series);

/// <summary>One series of (time, value) points. Periods with no data have no point.</summary>
/// <param name="Kind"><c>function</c>, <c>route</c> or <c>emf</c>.</param>
/// <param name="Namespace">The EMF namespace; null for built-in metrics.</param>
/// <param name="Dimensions">EMF dimensions; null for built-in metrics.</param>
/// <param name="Route">The route key, for route metrics.</param>
/// <param name="Total">The statistic over the whole range, when asked for.</param>
public sealed record MetricSeriesResult(
    string Kind, string Metric, string? Namespace, IReadOnlyDictionary<string, string>? Dimensions, string? Route, string Unit,
    string Stat, IReadOnlyList<MetricPoint> Points, double? Total);

/// <param name="Time">The start of the point's period.</param>
public readonly record struct MetricPoint(DateTimeOffset Time, double Value);
