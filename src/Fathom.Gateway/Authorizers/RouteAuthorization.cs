namespace Fathom.Gateway.Authorizers;

/// <summary>What a route requires before its function runs.</summary>
public sealed record RouteAuthorization
{
    /// <summary>The authorizer that judges every request, or null for none.</summary>
    public AuthorizerSettings? Authorizer { get; init; }

    /// <summary>JWT and Cognito: the token must carry at least one of these scopes (none = any token).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>REST <c>ApiKeyRequired</c>: the request's <c>x-api-key</c> must be one of <see cref="ApiKeys"/>.</summary>
    public bool ApiKeyRequired { get; init; }

    /// <summary>The API keys accepted (template <c>AWS::ApiGateway::ApiKey</c> values and fathom.yaml <c>api.apiKeys</c>).</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];
}
