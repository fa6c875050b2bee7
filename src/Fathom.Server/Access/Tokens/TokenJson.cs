using Fathom.Server.Access.Store;

namespace Fathom.Server.Access.Tokens;

/// <summary>A credential as the tokens API shows it: never its secret.</summary>
internal static class TokenJson
{
    public static object From(IssuedCredential c, DateTimeOffset now) => new
    {
        id = c.Id,
        kind = c.Kind,
        name = c.Name,
        role = AccessRoles.Name(c.Role),
        app = c.App,
        env = c.Environment,
        created = c.Created,
        expires = c.Expires,
        revoked = c.Revoked,
        lastUsed = c.LastUsed,
        state = c.Revoked is not null ? "revoked" : c.Expires <= now ? "expired" : "live",
    };
}
