using System.Security.Claims;
using Fathom.Platform.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fathom.Server.Access.Browser;

/// <summary><c>POST /fathom/v1/dashboard/links</c> (read role): a one-time sign-in link for the dashboard, made for the
/// caller, so the browser gets the caller's name, role and scope without the token ever entering it.</summary>
internal static class DashboardLinkEndpoints
{
    public const string Path = "/fathom/v1/dashboard/links";

    public static IEndpointRouteBuilder MapDashboardLinks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, (HttpContext context, SignInLinks links) =>
        {
            var (code, expires) = links.Create(CallerOf(context.User));
            // The Host the caller used has passed the host check: the link works from where the caller reached us.
            var url = $"{context.Request.Scheme}://{context.Request.Host}{UiEndpoints.SignInPath}?code={code}";
            return Results.Json(new { url, expires }, statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization(AccessPolicies.Read);
        return endpoints;
    }

    /// <summary>The signed-in caller's name, role and scope. A caller no scheme authenticated is possible only while the
    /// policies let everyone in (before tokens exist, or <c>fathom up</c>'s loopback mode): it is the local operator.</summary>
    private static SignInLinks.Caller CallerOf(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return new SignInLinks.Caller("local", nameof(AccessRole.Admin).ToLowerInvariant(), null, null);
        }

        return new SignInLinks.Caller(
            identity.Name ?? "unnamed",
            user.FindFirstValue(AccessClaims.Role) ?? nameof(AccessRole.Read).ToLowerInvariant(),
            user.FindFirstValue(AccessClaims.App),
            user.FindFirstValue(AccessClaims.Environment));
    }
}
