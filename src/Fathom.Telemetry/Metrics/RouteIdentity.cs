using Fathom.Gateway.Traffic;

namespace Fathom.Telemetry.Metrics;

/// <summary>The labels a gateway request is recorded under: the route, and the function and version that answered
/// (so a rollout can gate on one version's 5xx).</summary>
internal readonly record struct RouteIdentity(string App, string Environment, string Route, string Function, string Version, string Qualifier, string Source)
{
    /// <summary>Requests no route matched are recorded under this route key.</summary>
    public const string Unmatched = "-";

    public static RouteIdentity Of(GatewayRequestCompleted request) => new(
        request.App ?? "", request.Environment ?? "", request.RouteKey ?? Unmatched, request.Function ?? "", request.Version ?? "",
        request.Qualifier ?? "", request.Source);

    public SeriesKey Series(string metric, string unit) =>
        new(MetricNames.RouteKind, App, Environment, Function, Version, Qualifier, Source, Route, "", metric, "", unit);
}
