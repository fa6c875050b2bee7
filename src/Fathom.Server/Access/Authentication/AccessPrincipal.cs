using System.Security.Claims;

namespace Fathom.Server.Access.Authentication;

/// <summary>Builds the caller every scheme hands to authorization: named after the credential (the audit's actor),
/// with the <see cref="AccessClaims"/> one rule judges.</summary>
public static class AccessPrincipal
{
    public static ClaimsPrincipal Create(string scheme, string method, string name, AccessRole role, string? app, string? environment, string? credentialId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(AccessClaims.Role, AccessRoles.Name(role)),
            new(AccessClaims.Method, method),
        };
        if (app is not null)
        {
            claims.Add(new Claim(AccessClaims.App, app));
        }

        if (environment is not null)
        {
            claims.Add(new Claim(AccessClaims.Environment, environment));
        }

        if (credentialId is not null)
        {
            claims.Add(new Claim(AccessClaims.CredentialId, credentialId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, AccessClaims.Role));
    }

    /// <summary>The caller's role, or null for a principal no Fathom scheme made.</summary>
    public static AccessRole? Role(ClaimsPrincipal user) => AccessRoles.Parse(user.FindFirst(AccessClaims.Role)?.Value);
}
