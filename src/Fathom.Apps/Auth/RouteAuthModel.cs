namespace Fathom.Apps.Auth;

/// <summary>What one route requires: its authorizer (after <c>DefaultAuthorizer</c> and <c>NONE</c>), the scopes
/// a token must carry, and whether an API key is needed.</summary>
public sealed record RouteAuthModel
{
    public AuthorizerModel? Authorizer { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public bool ApiKeyRequired { get; init; }
}
