using Fathom.Platform.Access;
using System.Text.Json;
using Fathom.Deployments.Environments;
using Fathom.Deployments.Versions;
using Fathom.Gateway.Routing;
using Fathom.Server.Environments;
using Fathom.Telemetry.Errors.Sentry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Deploy;

/// <summary><c>POST /fathom/v1/apps/{app}/environments/{env}/deploy</c>: validates the app on the server, creates the
/// environment on its first deploy (with its own app port), applies the deploy as one release and keeps what the
/// environment needs after a restart. A deploy that fails validation changes nothing live.</summary>
internal static class DeployEndpoints
{
    public static IEndpointRouteBuilder MapDeploy(this IEndpointRouteBuilder endpoints, EnvironmentRegistry registry, DeployPlanner planner, TimeProvider time)
    {
        endpoints.MapPost("/fathom/v1/apps/{app}/environments/{env}/deploy", async (HttpContext context, string app, string env) =>
        {
            DeployRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<DeployRequest>(context.RequestAborted);
            }
            catch (JsonException e)
            {
                return ArtifactEndpoints.Problem(400, $"the body is not a deploy request: {e.Message}");
            }

            if (request is null)
            {
                return ArtifactEndpoints.Problem(400, "the body is not a deploy request");
            }

            try
            {
                return Results.Json(await DeployAsync(context, registry, planner, time, app, env, request));
            }
            catch (DeployRejectedException e)
            {
                return ArtifactEndpoints.Problem(e.Status, e.Message, e.Errors.Count > 0 ? e.Errors : null);
            }
            catch (EnvironmentPortException e)
            {
                return ArtifactEndpoints.Problem(409, e.Message);
            }
            catch (Fathom.Runtime.Hosting.IsolationUnavailableException e)
            {
                // A defence went missing since the server started: the environment is not created weaker, nothing changes.
                return ArtifactEndpoints.Problem(503, e.Message);
            }
            catch (Exception e) when (e is GatewayConfigException or DeploymentException)
            {
                return ArtifactEndpoints.Problem(422, e.Message);
            }
        }).RequireAuthorization(AccessPolicies.Deploy);
        return endpoints;
    }

    private static async Task<DeployResponse> DeployAsync(
        HttpContext context, EnvironmentRegistry registry, DeployPlanner planner, TimeProvider time, string app, string env, DeployRequest request)
    {
        var cancellationToken = context.RequestAborted;
        var plan = await planner.PlanAsync(app, env, request, registry.Get(app, env)?.Record, cancellationToken);
        var (environment, created) = await registry.GetOrCreateAsync(app, env, plan.Port, plan.Runtime, cancellationToken);
        await environment.DeployLock.WaitAsync(cancellationToken);
        var committed = false;
        try
        {
            var warnings = plan.Warnings.ToList();
            var port = environment.Url?.Port ?? environment.Record?.Port ?? 0;
            if (!created && plan.Port is { } asked && asked != port)
            {
                warnings.Add($"{app}/{env} keeps its app port {port}; a port applies only to an environment's first deploy");
            }

            var actor = EnvironmentSelection.Actor(context);
            var release = await environment.ApplyAsync(
                new EnvironmentChange(plan.Functions, plan.Routes, actor, ReleaseReasons.Deploy, plan.EffectiveParameters, EnvironmentSelection.Source(context)), cancellationToken);
            environment.Alarms = plan.Alarms;
            var now = time.GetUtcNow();
            registry.Save(environment, new EnvironmentRecord
            {
                App = app,
                Environment = env,
                Port = port,
                ParameterOverrides = plan.ParameterOverrides,
                Routes = plan.Routes,
                Functions = [.. plan.Functions.Select(f => new EnvironmentFunction(f.Release.Function, f.Release.Alias, f.ProvisionedConcurrency))],
                Runtime = plan.Runtime,
                Notifications = plan.Notifications,
                LastRelease = release.Number,
                LastDeployAt = release.Changed ? now : environment.Record?.LastDeployAt ?? now,
                LastDeployBy = release.Changed ? actor : environment.Record?.LastDeployBy ?? actor,
            });

            committed = true;

            // The environment's Sentry project exists from its first deploy, so `fathom errors dsn` has a DSN at once.
            context.RequestServices.GetService<SentryProjects>()?.GetOrCreate(app, env);
            return new DeployResponse(
                app, env, environment.Url?.ToString().TrimEnd('/'), port, created, release.Number, release.Changed,
                [.. release.Functions.Select(f => new DeployedFunction(
                    f.Name, f.Version, f.Previous, f.Alias,
                    f.What switch { null => "unchanged", "new" => "new", _ => "updated" },
                    f.What is "code" or "configuration" ? f.What : null))],
                release.Removed, plan.ParameterOverrides, warnings);
        }
        finally
        {
            environment.DeployLock.Release();
            if (created && !committed)
            {
                await registry.RemoveAsync(environment);
            }
        }
    }
}
