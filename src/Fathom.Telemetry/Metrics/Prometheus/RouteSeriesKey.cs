namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>The labels of one gateway series: app, environment, route key (<c>GET /hello/{name}</c>, empty when no
/// route matched), status class (<c>2xx</c> … <c>5xx</c>) and source (<c>api</c>, or <c>uptime</c> for probes). Bounded by
/// the app's routes, so these series are never pruned.</summary>
internal readonly record struct RouteSeriesKey(string App, string Environment, string Route, string StatusClass, string Source);
