namespace Fathom.Server.Access.Store;

/// <summary>What <c>fathom token create</c> asks for.</summary>
public sealed record CredentialRequest(string Name, AccessRole Role, string? App, string? Environment, DateTimeOffset? Expires, bool Aws);
