using System.Text.Encodings.Web;
using Fathom.Server.Access.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Access.Authentication;

/// <summary><c>Authorization: Bearer fathom_…</c> checked against <c>access.db</c>: unknown, wrong, revoked and expired
/// tokens all fail the same way, so a caller learns nothing about which.</summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = store.AuthenticateBearer(header[Prefix.Length..].Trim());
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("the token is not valid: unknown, revoked or expired"));
        }

        var principal = AccessPrincipal.Create(Scheme.Name, "bearer", token.Name, token.Role, token.App, token.Environment, token.Id);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failed = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        Response.Headers.WWWAuthenticate = failed ? "Bearer error=\"invalid_token\"" : "Bearer";
        await AccessProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Token required",
            failed
                ? "the token is not valid: unknown, revoked or expired; create another with 'fathom token create'"
                : "this server needs a token: send 'Authorization: Bearer <token>' (the CLI takes --token, FATHOM_TOKEN or the server's server.json)");
    }
}
