namespace Fathom.Telemetry.Metrics;

/// <summary>What one stored series is: a metric and every label of DESIGN.md "Telemetry records" it was recorded
/// under. Absent labels are empty strings (not null) so the store's unique key treats them as equal.</summary>
/// <param name="Kind"><see cref="MetricNames.FunctionKind"/>, <see cref="MetricNames.RouteKind"/> or <see cref="MetricNames.EmfKind"/>.</param>
/// <param name="Qualifier">The alias or version the calls came through.</param>
/// <param name="Source">Where the calls came from (<c>api</c>, <c>uptime</c>, ...).</param>
/// <param name="Route">The gateway's route key, for route metrics.</param>
/// <param name="Namespace">The EMF namespace; empty for built-in metrics.</param>
/// <param name="Dimensions">EMF dimensions as a JSON object with sorted keys; empty for built-in metrics.</param>
internal readonly record struct SeriesKey(
    string Kind, string App, string Environment, string Function, string Version, string Qualifier, string Source,
    string Route, string Namespace, string Metric, string Dimensions, string Unit);
