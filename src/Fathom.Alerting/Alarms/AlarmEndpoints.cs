using Fathom.Platform.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Alerting.Alarms;

/// <summary><c>GET /fathom/v1/alarms?app=&amp;env=</c> (every alarm of an environment with its state, or why it is not
/// evaluated) and <c>GET /fathom/v1/alarms/{name}/history</c> (its transitions, newest first, with their datapoints).</summary>
internal static class AlarmEndpoints
{
    public static IEndpointRouteBuilder MapAlarmEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fathom/v1/alarms", List).RequireAuthorization(AccessPolicies.Read);
        endpoints.MapGet("/fathom/v1/alarms/{name}/history", History).RequireAuthorization(AccessPolicies.Read);
        return endpoints;
    }

    private static IResult List(HttpContext context, IAlarmSources sources, AlarmStore store)
    {
        if (Select(context, sources, out var problem) is not { } environment)
        {
            return problem!;
        }

        var scale = context.RequestServices.GetService(typeof(Fathom.Platform.Time.TimeScale)) as Fathom.Platform.Time.TimeScale ?? Fathom.Platform.Time.TimeScale.None;
        return Results.Json(new
        {
            app = environment.App,
            environment = environment.Environment,
            alarms = AlarmCatalog.For(environment).Select(d =>
            {
                var status = d.Evaluated ? store.Find(environment.App, environment.Environment, d.Name) : null;
                var rule = d.Rule;
                return new
                {
                    name = d.Name,
                    kind = d.Kind,
                    function = d.Function,
                    description = d.Description,
                    evaluated = d.Evaluated,
                    notEvaluated = d.NotEvaluated,
                    state = d.Evaluated ? status?.State ?? AlarmStates.InsufficientData : null,
                    since = status?.Since,
                    reason = d.Evaluated ? status?.Reason ?? AlarmReason.Initial : null,
                    metric = rule?.Metric.Name,
                    @namespace = rule?.Metric.Namespace,
                    statistic = rule?.Statistic,
                    threshold = rule?.Threshold,
                    comparison = rule?.ComparisonOperator,
                    periodSeconds = rule is null ? (int?)null : (int)rule.Period.TotalSeconds,
                    evaluatedPeriodSeconds = rule is null ? (int?)null : (int)AlarmPeriods.Evaluated(rule.Period, scale).TotalSeconds,
                    evaluationPeriods = rule?.EvaluationPeriods,
                    datapointsToAlarm = rule?.DatapointsToAlarm,
                    treatMissingData = rule?.TreatMissingData,
                };
            }),
        });
    }

    private static IResult History(HttpContext context, string name, IAlarmSources sources, AlarmStore store)
    {
        if (Select(context, sources, out var problem) is not { } environment)
        {
            return problem!;
        }

        var history = store.History(environment.App, environment.Environment, name);
        if (history.Count == 0 && AlarmCatalog.For(environment).All(d => d.Name != name))
        {
            return Problem(StatusCodes.Status404NotFound, "Alarm not found", $"no alarm '{name}' in {environment.App}/{environment.Environment}; fathom alarms lists them");
        }

        return Results.Json(new
        {
            app = environment.App,
            environment = environment.Environment,
            alarm = name,
            transitions = history.Select(t => new
            {
                time = t.Time,
                oldState = t.OldState,
                newState = t.NewState,
                reason = t.Reason,
                function = t.Function,
                version = t.Version,
                datapoints = t.Datapoints.Select(p => new { time = p.Time, value = p.Value }),
            }),
        });
    }

    /// <summary>The environment asked for; without <c>app</c>/<c>env</c>, the only one there is.</summary>
    private static AlarmEnvironment? Select(HttpContext context, IAlarmSources sources, out IResult? problem)
    {
        problem = null;
        var app = context.Request.Query["app"].ToString() is { Length: > 0 } a ? a : null;
        var env = context.Request.Query["env"].ToString() is { Length: > 0 } e ? e : null;
        var candidates = sources.Environments.Where(x => (app is null || x.App == app) && (env is null || x.Environment == env)).ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        problem = candidates.Count == 0
            ? Problem(StatusCodes.Status404NotFound, "Environment not found",
                app is null && env is null ? "no app is deployed yet" : $"no environment {app ?? "*"}/{env ?? "*"}; fathom status lists them")
            : Problem(StatusCodes.Status400BadRequest, "Invalid request",
                $"several environments match ({string.Join(", ", candidates.Select(c => $"{c.App}/{c.Environment}"))}); pass app and env");
        return null;
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);
}
