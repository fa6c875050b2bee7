using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Access.Authentication;

/// <summary>Stands in for a scheme this build does not register (SigV4 before its handler exists): the request is
/// refused with a 401, never let through unverified.</summary>
internal sealed class UnavailableAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "fathom.unavailable";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Fail("this server does not verify AWS signatures"));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return AccessProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Signature not verified",
            "this server does not verify AWS Signature Version 4 requests; send 'Authorization: Bearer <token>' instead");
    }
}
