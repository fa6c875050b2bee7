namespace Fathom.Server.Access.Store;

/// <summary>A bearer token or an AWS access key as listed: everything but its secret.</summary>
/// <param name="Kind"><c>bearer</c> or <c>aws</c>.</param>
public sealed record IssuedCredential(
    string Id,
    string Kind,
    string Name,
    AccessRole Role,
    string? App,
    string? Environment,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    DateTimeOffset? LastUsed)
{
    public const string Bearer = "bearer";
    public const string Aws = "aws";

    /// <summary>Usable at <paramref name="now"/>: neither revoked nor expired.</summary>
    public bool IsLive(DateTimeOffset now) => Revoked is null && (Expires is null || Expires > now);
}
