using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fathom.Server.Access.Browser;

/// <summary>The dashboard's sign-in under <c>/ui</c>: <c>GET /ui/signin?code=</c> trades a one-time code for the
/// dashboard cookie, <c>GET /ui/</c> shows who is signed in (a placeholder until the dashboard exists), <c>POST
/// /ui/signout</c> ends it. Every <c>/ui</c> endpoint but sign-in takes the cookie and only the cookie
/// (<see cref="Policy"/>); every POST needs an anti-forgery token.</summary>
internal static class UiEndpoints
{
    public const string Prefix = "/ui";
    public const string SignInPath = "/ui/signin";

    /// <summary>The authorization policy of <c>/ui</c>: a caller the cookie scheme signed in, whatever the admin port's
    /// default scheme is.</summary>
    public const string Policy = "fathom.ui";

    public static IEndpointRouteBuilder MapUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SignInPath, SignInAsync).AllowAnonymous();

        var ui = endpoints.MapGroup(Prefix).RequireAuthorization(Policy);
        ui.AddEndpointFilter(RequireAntiforgeryOnPost);
        ui.MapGet("/", (HttpContext context, IAntiforgery antiforgery) =>
            UiPage.Html(UiPage.SignedIn(context.User, antiforgery.GetAndStoreTokens(context))));
        ui.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(AccessSchemes.Cookie);
            return UiPage.Html(UiPage.Message("Signed out", "Run 'fathom dashboard' for a new sign-in link."));
        });
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, SignInLinks links)
    {
        if (links.Redeem(context.Request.Query["code"].ToString()) is not { } caller)
        {
            return UiPage.Html(
                UiPage.Message("Sign-in link not valid", "This link was already used, has expired (links last 60 seconds) or was never issued. Run 'fathom dashboard' for a new one."),
                StatusCodes.Status403Forbidden);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, caller.Name),
            new(AccessClaims.Role, caller.Role),
            new(AccessClaims.Method, "cookie"),
        };
        if (caller.App is not null)
        {
            claims.Add(new Claim(AccessClaims.App, caller.App));
        }

        if (caller.Environment is not null)
        {
            claims.Add(new Claim(AccessClaims.Environment, caller.Environment));
        }

        await context.SignInAsync(AccessSchemes.Cookie, new ClaimsPrincipal(new ClaimsIdentity(claims, AccessSchemes.Cookie)));
        return Results.Redirect(Prefix + "/");
    }

    private static async ValueTask<object?> RequireAntiforgeryOnPost(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            try
            {
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return UiPage.Html(
                    UiPage.Message("Request refused", "This form has no valid anti-forgery token: reload the page and try again."),
                    StatusCodes.Status400BadRequest);
            }
        }

        return await next(invocation);
    }
}
