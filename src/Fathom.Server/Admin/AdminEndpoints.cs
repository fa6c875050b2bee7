using Fathom.Platform.Access;
using Fathom.Gateway.Functions;
using Fathom.Server.Environments;
using Fathom.Gateway.Routing;
using Fathom.Server.Hosting;
using Fathom.Telemetry.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Admin;

/// <summary>The admin JSON API under <c>/fathom/v1</c>.</summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints, FathomServer server)
    {
        var group = endpoints.MapGroup("/fathom/v1").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/status", async (IFunctionCatalog catalog, GatewayState gateway, HttpContext context, CancellationToken cancellationToken) =>
        {
            var drops = context.RequestServices.GetService<TelemetryDrops>();
            var functions = await catalog.ListFunctionsAsync(cancellationToken);
            // On a host with several environments, the one ?app=&env= (or the only one) names.
            var environment = context.RequestServices.GetService<EnvironmentRegistry>()?.Select(context, out _);
            if (environment is not null)
            {
                gateway = environment.Gateway;
            }

            return TypedResults.Ok(new StatusResponse(
                (server.OwnAppUrl ?? environment?.Url)?.ToString().TrimEnd('/'),
                server.AdminUrl.ToString().TrimEnd('/'),
                Environment.ProcessId,
                server.StartedAt,
                functions.Select(f => new StatusFunction(
                    f.Name,
                    f.Latest.Runtime,
                    f.Latest.Handler,
                    f.Versions.Select(v => v.Version).ToArray(),
                    f.Aliases.Select(a => new StatusAlias(a.Name, a.FunctionVersion, a.AdditionalVersionWeights)).ToArray())).ToArray(),
                gateway.Routes.Select(r => new StatusRoute(
                    r.Path == "$default" ? "ANY" : r.Method.ToUpperInvariant(),
                    r.Path,
                    r.ApiKind.ToString(),
                    r.ApiId,
                    r.ApiLogicalId,
                    r.Stage ?? (r.ApiKind == ApiKind.Rest ? GatewayDefaults.RestStage : GatewayDefaults.HttpStage),
                    r.PayloadFormatVersion ?? (r.ApiKind == ApiKind.Rest ? "1.0" : "2.0"),
                    r.FunctionName,
                    r.Qualifier)).ToArray(),
                drops is null ? null : new StatusTelemetry(drops.Total, drops.Snapshot())));
        });
        return group;
    }
}
