namespace Fathom.Server.Access.Store;

/// <summary>A credential just issued, with its secret: the only time the secret is shown. For a bearer token
/// <see cref="Secret"/> is the whole token text; for an AWS key it is the secret access key (the id is
/// <see cref="IssuedCredential.Id"/>).</summary>
public sealed record CreatedCredential(IssuedCredential Credential, string Secret);
