using Fathom.Platform.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Telemetry.Metrics.Prometheus;

/// <summary>Maps the scrape endpoint on the admin port.</summary>
public static class PrometheusEndpointRouteBuilderExtensions
{
    /// <summary><c>GET /metrics</c> (<see cref="PrometheusOptions.Path"/>): the Prometheus text format 0.0.4. Needs
    /// <see cref="PrometheusServiceCollectionExtensions.AddFathomPrometheus"/>.</summary>
    public static IEndpointRouteBuilder MapFathomPrometheus(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<PrometheusOptions>();
        endpoints.MapGet(options.Path, (PrometheusExposition exposition) =>
            Results.Text(exposition.Render(), PrometheusTextWriter.ContentType)).RequireAuthorization(AccessPolicies.Read);
        return endpoints;
    }
}
