namespace Fathom.Gateway.Authorizers.Jwt;

/// <summary>Why a token was refused: the status (401 for a bad token, 403 for a good one without the scope) and the
/// description put in <c>www-authenticate</c>.</summary>
internal sealed record JwtFailure(int Status, string Error, string Description);
