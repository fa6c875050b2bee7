using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fathom.Server.Access.Authentication;

/// <summary><c>fathom up</c>'s no-token loopback mode: every caller is the local owner. The CLI's
/// <c>X-Fathom-Actor</c> (the OS user) is kept as "on behalf of" text in the actor's name, since nothing verifies it.</summary>
internal sealed class LocalAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ActorHeader = "X-Fathom-Actor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var onBehalfOf = Request.Headers[ActorHeader].ToString().Trim();
        var name = onBehalfOf.Length == 0 ? "local" : $"local ({(onBehalfOf.Length > 64 ? onBehalfOf[..64] : onBehalfOf)})";
        var principal = AccessPrincipal.Create(Scheme.Name, "local", name, AccessRole.Admin, null, null, null);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
