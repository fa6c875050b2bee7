using Fathom.Server.Access.Store;

namespace Fathom.Server.Access;

/// <summary>Access control of one host.</summary>
public sealed class AccessOptions
{
    public AccessMode Mode { get; set; } = AccessMode.Local;

    /// <summary>The token store under <see cref="AccessMode.Tokens"/> (opened by the caller, who also made the owner
    /// token); owned by the caller.</summary>
    public AccessStore? Store { get; set; }

    /// <summary>The owner token's text, written into <c>server.json</c> (0600) so commands on this machine find it.</summary>
    public string? OwnerToken { get; set; }
}
