using System.Text.RegularExpressions;
using Fathom.Platform.Access;
using Fathom.Server.Access.Store;
using Fathom.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Server.Access.Tokens;

/// <summary><c>/fathom/v1/tokens</c> (admin role): issue, list and revoke bearer tokens and AWS access keys, and read
/// their audit. Under <c>fathom up</c> there are no tokens, and these say so.</summary>
internal static partial class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, AccessStore? store)
    {
        var group = endpoints.MapGroup("/fathom/v1/tokens").RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("", (HttpContext context, TimeProvider time) =>
            store is null ? NoTokens() : Results.Json(new { tokens = store.List().Select(c => TokenJson.From(c, time.GetUtcNow())) }));
        group.MapPost("", (HttpContext context, TokenCreateRequest? request, TimeProvider time) => store is null ? NoTokens() : Create(context, store, request, time));
        group.MapDelete("/{nameOrId}", (HttpContext context, string nameOrId, TimeProvider time) =>
        {
            if (store is null)
            {
                return NoTokens();
            }

            var revoked = store.Revoke(nameOrId, Actor(context), Source(context));
            return revoked is null
                ? Results.Problem(title: "No such token", detail: $"no live token or key is named or numbered '{nameOrId}' (see 'fathom token list')", statusCode: StatusCodes.Status404NotFound)
                : Results.Json(new { revoked = TokenJson.From(revoked, time.GetUtcNow()) });
        });
        group.MapGet("/audit", () => store is null ? NoTokens() : Results.Json(new { audit = store.Audit() }));
    }

    private static IResult Create(HttpContext context, AccessStore store, TokenCreateRequest? request, TimeProvider time)
    {
        if (request is null)
        {
            return BadRequest("send a JSON body: {\"name\": ..., \"role\": \"read|invoke|deploy|admin\"}");
        }

        if (request.Name is not { } name || !NamePattern().IsMatch(name))
        {
            return BadRequest("name: 1-64 letters, digits, '.', '_', '@' or '-'");
        }

        if (AccessRoles.Parse(request.Role) is not { } role)
        {
            return BadRequest($"role: '{request.Role}' is not one of read, invoke, deploy, admin");
        }

        if (request.Env is not null && request.App is null)
        {
            return BadRequest("env: a token limited to an environment names its app too (--app)");
        }

        DateTimeOffset? expires = null;
        if (request.ExpiresIn is { } text)
        {
            if (!TelemetryText.TryParseDuration(text, out var span) || span <= TimeSpan.Zero)
            {
                return BadRequest($"expires: '{text}' is not a duration such as 12h, 30d");
            }

            expires = time.GetUtcNow() + span;
        }

        try
        {
            var created = store.Create(new CredentialRequest(name, role, Blank(request.App), Blank(request.Env), expires, request.Aws), Actor(context), Source(context));
            var shown = TokenJson.From(created.Credential, time.GetUtcNow());
            return request.Aws
                ? Results.Json(new { token = shown, accessKeyId = created.Credential.Id, secretAccessKey = created.Secret }, statusCode: StatusCodes.Status201Created)
                : Results.Json(new { token = shown, secret = created.Secret }, statusCode: StatusCodes.Status201Created);
        }
        catch (AccessStoreException e)
        {
            return Results.Problem(title: "Name in use", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    internal static string Actor(HttpContext context) => context.User.Identity?.Name ?? "api";

    internal static string? Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult BadRequest(string detail) => Results.Problem(title: "Invalid token request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NoTokens() => Results.Problem(title: "No tokens here",
        detail: "fathom up runs in no-token loopback mode (every local process is the owner); tokens exist on 'fathom server'",
        statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}
