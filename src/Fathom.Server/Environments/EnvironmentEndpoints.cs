using Fathom.Platform.Access;
using Fathom.Telemetry.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Environments;

/// <summary><c>GET /fathom/v1/environments?app=&amp;env=</c>: what is live in each environment (app, port and URL, every
/// function's alias and version, the last release) and how healthy it is where telemetry exists (issues seen in the
/// last 15 minutes). <c>fathom status</c> prints it.</summary>
internal static class EnvironmentEndpoints
{
    private static readonly TimeSpan HealthWindow = TimeSpan.FromMinutes(15);

    public static IEndpointRouteBuilder MapEnvironments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fathom/v1/environments", async (HttpContext context, EnvironmentRegistry registry, TimeProvider time) =>
        {
            var app = context.Request.Query["app"].ToString();
            var env = context.Request.Query["env"].ToString();
            var selected = registry.All
                .Where(e => (app.Length == 0 || e.App == app) && (env.Length == 0 || e.Name == env))
                .ToList();
            var since = time.GetUtcNow() - HealthWindow;
            var issues = await RecentIssuesAsync(context.RequestServices.GetService<ErrorStore>(), since, context.RequestAborted);
            // The live release, not the last deploy's: a rollback makes an earlier state live as a release of its own.
            var live = new Dictionary<AppEnvironment, int?>();
            foreach (var environment in selected)
            {
                var number = await environment.Store.LiveReleaseNumberAsync(context.RequestAborted);
                live[environment] = number > 0 ? number : null;
            }

            return Results.Json(new
            {
                environments = selected.Select(e => Describe(e, live[e], context.RequestServices.GetService<ErrorStore>() is null
                    ? null
                    : issues.Where(i => i.App == e.App && i.Environment == e.Name).ToList())),
            });
        }).RequireAuthorization(AccessPolicies.Read);
        return endpoints;
    }

    private static object Describe(AppEnvironment environment, int? liveRelease, IReadOnlyList<IssueSummary>? recent)
    {
        var state = environment.Store.State;
        var record = environment.Record;
        return new
        {
            app = environment.App,
            environment = environment.Name,
            url = environment.Url?.ToString().TrimEnd('/'),
            port = environment.Url?.Port ?? record?.Port,
            lastRelease = liveRelease ?? record?.LastRelease,
            lastDeployAt = record?.LastDeployAt,
            lastDeployBy = record?.LastDeployBy,
            parameterOverrides = record?.ParameterOverrides,
            isolation = new
            {
                level = environment.Runtime.MissingDefences.Count == 0 ? "full" : "weaker",
                missing = environment.Runtime.MissingDefences.Select(m => m.Name),
            },
            functions = environment.FunctionNames.Select(name =>
            {
                var deployment = state.Functions.GetValueOrDefault(name);
                var alias = deployment?.Aliases.GetValueOrDefault(deployment.DefaultAlias);
                return new
                {
                    name,
                    alias = alias?.Name ?? deployment?.DefaultAlias,
                    version = alias?.Version,
                    additionalVersion = alias?.Routing?.AdditionalVersion,
                    additionalWeight = alias?.Routing?.Weight,
                };
            }),
            health = recent is null ? null : new
            {
                window = "15m",
                issues = recent.Count,
                lastError = recent.Count == 0 ? (DateTimeOffset?)null : recent.Max(i => i.LastSeen),
            },
        };
    }

    private static async Task<IReadOnlyList<IssueSummary>> RecentIssuesAsync(ErrorStore? store, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return [];
        }

        // Issues come newest-seen first; the first page holds every issue seen in the window unless there are hundreds.
        var page = await store.ListAsync(new IssueQuery { Limit = IssueQuery.MaxLimit }, cancellationToken);
        return [.. page.Issues.Where(i => i.LastSeen >= since)];
    }
}
