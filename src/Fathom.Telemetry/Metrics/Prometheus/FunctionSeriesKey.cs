namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>The labels of one function's invocation series: app, environment, function, version, the alias (or
/// qualifier) it was called through, empty for the unqualified name, and the source (<c>api</c>, <c>invoke</c>,
/// <c>uptime</c> …), so probes never count as traffic.</summary>
internal readonly record struct FunctionSeriesKey(string App, string Environment, string Function, string Version, string Alias, string Source);
