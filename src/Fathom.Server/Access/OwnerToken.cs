using Fathom.Server.Access.Store;

namespace Fathom.Server.Access;

/// <summary>The admin token a <c>fathom server</c> makes for whoever started it: created on the first start, kept in
/// <c>&lt;data&gt;/owner-token</c> (0600) and hashed in <c>access.db</c>. When the file is gone or its token no longer
/// works (revoked), the next start makes a new one, revoking the old: whoever can write the data directory owns the
/// server anyway.</summary>
public static class OwnerToken
{
    public const string FileName = "owner-token";
    public const string Name = "owner";
    private const string Actor = "fathom server";

    /// <returns>The owner token's text, and whether it was made now (and so must be shown once).</returns>
    public static (string Token, bool Created) Ensure(string dataDirectory, AccessStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing && store.AuthenticateBearer(existing) is not null)
        {
            return (existing, false);
        }

        store.Revoke(Name, Actor, null);
        var created = store.Create(new CredentialRequest(Name, AccessRole.Admin, null, null, null, Aws: false), Actor, null);
        SecretFile.Write(path, created.Secret + "\n");
        return (created.Secret, true);
    }
}
