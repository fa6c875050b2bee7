using Fathom.Platform.Access;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fathom.Deployments.Environments;
using Fathom.Deployments.Versions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Deployments.Api;

/// <summary>The release history, rollback and audit under <c>/fathom/v1</c>, for the environment a request addresses
/// (<c>?app=&amp;env=</c>, see <see cref="EnvironmentSelection"/>).</summary>
public static class DeploymentEndpoints
{
    private const int MaxLimit = 500;

    /// <summary>Maps <c>GET /fathom/v1/releases</c>, <c>GET /fathom/v1/releases/{number}</c>, <c>POST /fathom/v1/rollback</c>
    /// and <c>GET /fathom/v1/audit</c>. The host registers an <see cref="IDeploymentDirectory"/>; without one every
    /// route answers that nothing is deployed.</summary>
    public static IEndpointRouteBuilder MapFathomDeployments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/fathom/v1");
        group.MapGet("/releases", (Delegate)ListAsync).RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/releases/{number}", ShowAsync).RequireAuthorization(AccessPolicies.Read);
        group.MapPost("/rollback", (Delegate)RollbackAsync).RequireAuthorization(AccessPolicies.Deploy);
        group.MapGet("/audit", (Delegate)AuditAsync).RequireAuthorization(AccessPolicies.Read);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context)
    {
        if (Select(context, out var problem) is not { } store)
        {
            return problem!;
        }

        if (!TryLimit(context, 50, out var limit, out problem) || !TryCursor(context, out var before, out problem))
        {
            return problem!;
        }

        var releases = await store.ListReleasesAsync(before is null ? null : (int)Math.Min(before.Value, int.MaxValue), limit, context.RequestAborted);
        var live = await store.LiveReleaseNumberAsync(context.RequestAborted);
        return Results.Json(new
        {
            app = store.App,
            environment = store.Environment,
            live,
            releases = releases.Select(r => ReleaseJson.Release(r, live)),
            next = releases.Count == limit && releases[^1].Number > 1 ? releases[^1].Number.ToString(CultureInfo.InvariantCulture) : null,
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string number)
    {
        if (Select(context, out var problem) is not { } store)
        {
            return problem!;
        }

        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return BadRequest($"'{number}' is not a release number (1, 2, …)");
        }

        var release = await store.GetReleaseAsync(n, context.RequestAborted);
        if (release is null)
        {
            return NotFound($"{store.App}/{store.Environment} has no release {n}");
        }

        return Results.Json(new
        {
            app = store.App,
            environment = store.Environment,
            release = ReleaseJson.Release(release, await store.LiveReleaseNumberAsync(context.RequestAborted)),
        });
    }

    private static async Task<IResult> RollbackAsync(HttpContext context)
    {
        if (Select(context, out var problem) is not { } store)
        {
            return problem!;
        }

        int? to;
        try
        {
            to = await ReadTargetAsync(context);
        }
        catch (FormatException e)
        {
            return BadRequest(e.Message);
        }

        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var before = store.State.Functions.ToDictionary(f => f.Key, f => f.Value.Aliases.GetValueOrDefault(f.Value.DefaultAlias)?.Version, StringComparer.Ordinal);
        var started = time.GetTimestamp();
        Fathom.Deployments.Releases.ReleaseOutcome outcome;
        try
        {
            outcome = await store.RollbackAsync(to, EnvironmentSelection.Actor(context), EnvironmentSelection.Source(context), context.RequestAborted);
        }
        catch (ReleaseNotFoundException e)
        {
            return NotFound(e.Message);
        }
        catch (ReleaseConflictException e)
        {
            return Results.Problem(detail: e.Message, statusCode: StatusCodes.Status409Conflict, title: "Cannot roll back");
        }

        var flip = time.GetElapsedTime(started);
        var release = await store.GetReleaseAsync(outcome.Number, context.RequestAborted);
        return Results.Json(new
        {
            app = store.App,
            environment = store.Environment,
            release = ReleaseJson.Release(release!, outcome.Number),
            rolledBackTo = release!.RollbackOf,
            flipMilliseconds = Math.Round(flip.TotalMilliseconds, 2),
            moved = release.Functions.Where(f => f.Moved).Select(f => new { function = f.Function, alias = f.Alias, from = f.FromVersion ?? before.GetValueOrDefault(f.Function), to = f.ToVersion }),
        });
    }

    private static async Task<IResult> AuditAsync(HttpContext context)
    {
        if (Select(context, out var problem) is not { } store)
        {
            return problem!;
        }

        if (!TryLimit(context, 100, out var limit, out problem) || !TryCursor(context, out var before, out problem))
        {
            return problem!;
        }

        var rows = await store.ListAuditAsync(before, limit, context.RequestAborted);
        return Results.Json(new
        {
            app = store.App,
            environment = store.Environment,
            entries = rows.Select(ReleaseJson.Audit),
            next = rows.Count == limit ? rows[^1].Id.ToString(CultureInfo.InvariantCulture) : null,
        });
    }

    private static async Task<int?> ReadTargetAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the body is not JSON: {e.Message}");
        }

        if (body is not JsonObject obj)
        {
            throw new FormatException("the body must be a JSON object such as {\"to\": 3}");
        }

        if (obj.FirstOrDefault(p => p.Key != "to") is { Key: { } unknown })
        {
            throw new FormatException($"unknown field '{unknown}'; the body takes only \"to\" (a release number)");
        }

        return obj["to"] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<int>(out var n) && n >= 1 => n,
            var other => throw new FormatException($"to: {other.ToJsonString()} is not a release number (1, 2, …)"),
        };
    }

    private static DeploymentStore? Select(HttpContext context, out IResult? problem)
    {
        var directory = context.RequestServices.GetService<IDeploymentDirectory>();
        if (directory is null)
        {
            problem = NotFound("nothing is deployed on this server yet");
            return null;
        }

        var store = EnvironmentSelection.Select(context, directory, out var why);
        problem = store is null ? NotFound(why!) : null;
        return store;
    }

    private static bool TryLimit(HttpContext context, int defaultLimit, out int limit, out IResult? problem)
    {
        limit = defaultLimit;
        problem = null;
        if (context.Request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            problem = BadRequest($"limit: '{text}' is not a number from 1 to {MaxLimit}");
            return false;
        }

        return true;
    }

    private static bool TryCursor(HttpContext context, out long? before, out IResult? problem)
    {
        before = null;
        problem = null;
        if (context.Request.Query["before"].ToString() is { Length: > 0 } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                problem = BadRequest($"before: '{text}' is not a cursor from this list");
                return false;
            }

            before = value;
        }

        return true;
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    private static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
