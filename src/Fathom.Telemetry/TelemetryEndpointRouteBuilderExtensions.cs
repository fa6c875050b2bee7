using Fathom.Platform.Access;
using Fathom.Telemetry.Errors;
using Fathom.Telemetry.Errors.Sentry;
using Fathom.Telemetry.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Telemetry;

/// <summary>Maps the telemetry API on the admin port.</summary>
public static class TelemetryEndpointRouteBuilderExtensions
{
    /// <summary><c>GET /fathom/v1/logs</c> (a page), <c>/fathom/v1/logs/stream</c> (live, Server-Sent Events),
    /// <c>/fathom/v1/logs/stats</c> (what was ingested, stored and dropped); <c>/fathom/v1/errors</c> (issues, one issue,
    /// <c>POST .../{id}/resolve|ignore|reopen</c>); the Sentry ingest (<c>POST /api/{projectId}/envelope/</c>, <c>/store/</c>,
    /// and <c>GET /fathom/v1/errors/dsn</c>), also on every sandbox's platform endpoint when the host registered its
    /// <see cref="Fathom.Platform.Endpoint.PlatformEndpointRoutes"/>. docs/logs.md and docs/errors.md describe them.</summary>
    public static IEndpointRouteBuilder MapFathomTelemetry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var logs = endpoints.MapGroup("/fathom/v1/logs").RequireAuthorization(AccessPolicies.Read);
        logs.MapGet("", LogEndpoints.PageAsync);
        logs.MapGet("/stream", LogEndpoints.StreamAsync);
        logs.MapGet("/stats", LogEndpoints.StatsAsync);
        var errors = endpoints.MapGroup("/fathom/v1/errors");
        errors.MapGet("", ErrorEndpoints.ListAsync).RequireAuthorization(AccessPolicies.Read);
        errors.MapGet("/{id}", ErrorEndpoints.ShowAsync).RequireAuthorization(AccessPolicies.Read);
        errors.MapPost("/{id}/{action}", ErrorEndpoints.SetStateAsync).RequireAuthorization(AccessPolicies.Deploy);
        SentryEndpoints.Map(endpoints);
        return endpoints;
    }
}
