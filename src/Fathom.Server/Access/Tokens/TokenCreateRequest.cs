namespace Fathom.Server.Access.Tokens;

/// <summary>The body of <c>POST /fathom/v1/tokens</c>.</summary>
/// <param name="ExpiresIn">A duration from now (<c>30d</c>, <c>12h</c>); null never expires.</param>
/// <param name="Aws">An AWS access key for SigV4 instead of a bearer token.</param>
internal sealed record TokenCreateRequest(string? Name, string? Role, string? App, string? Env, string? ExpiresIn, bool Aws = false);
