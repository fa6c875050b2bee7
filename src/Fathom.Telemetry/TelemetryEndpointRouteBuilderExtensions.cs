using Fathom.Telemetry.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Telemetry;

/// <summary>Maps the telemetry API on the admin port.</summary>
public static class TelemetryEndpointRouteBuilderExtensions
{
    /// <summary><c>GET /fathom/v1/logs</c> (a page), <c>/fathom/v1/logs/stream</c> (live, Server-Sent Events),
    /// <c>/fathom/v1/logs/stats</c> (what was ingested, stored and dropped). docs/logs.md describes them.</summary>
    public static IEndpointRouteBuilder MapFathomTelemetry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var logs = endpoints.MapGroup("/fathom/v1/logs");
        logs.MapGet("", LogEndpoints.PageAsync);
        logs.MapGet("/stream", LogEndpoints.StreamAsync);
        logs.MapGet("/stats", LogEndpoints.StatsAsync);
        return endpoints;
    }
}
