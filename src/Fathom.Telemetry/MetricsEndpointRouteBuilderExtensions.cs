using Fathom.Platform.Access;
using Fathom.Telemetry.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Telemetry;

/// <summary>Maps the metrics API on the admin port.</summary>
public static class MetricsEndpointRouteBuilderExtensions
{
    /// <summary><c>GET /fathom/v1/metrics</c> (series of points), <c>/fathom/v1/metrics/catalog</c> (the metrics that
    /// exist, EMF included), <c>/fathom/v1/metrics/stats</c> (what the recorder took in, wrote and dropped).</summary>
    public static IEndpointRouteBuilder MapFathomMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var metrics = endpoints.MapGroup("/fathom/v1/metrics").RequireAuthorization(AccessPolicies.Read);
        metrics.MapGet("", MetricEndpoints.Query);
        metrics.MapGet("/catalog", MetricEndpoints.Catalog);
        metrics.MapGet("/stats", MetricEndpoints.Stats);
        return endpoints;
    }
}
