namespace Fathom.Gateway.Authorizers;

/// <summary>One authorizer as the app declares it (user input, persisted with the routes).</summary>
public sealed record AuthorizerSettings
{
    /// <summary>The authorizer's name in the template; shown in logs.</summary>
    public required string Name { get; init; }

    public required AuthorizerType Type { get; init; }

    /// <summary>The Lambda authorizer's function.</summary>
    public string? FunctionName { get; init; }

    /// <summary>The alias or version of <see cref="FunctionName"/> to invoke.</summary>
    public string? Qualifier { get; init; }

    /// <summary>Identity sources in API Gateway's syntax: <c>method.request.header.Authorization</c> (REST) or
    /// <c>$request.header.Authorization</c>, <c>$request.querystring.x</c>, <c>$context.x</c>, <c>$stageVariables.x</c>.</summary>
    public IReadOnlyList<string> IdentitySources { get; init; } = [];

    /// <summary>REST TOKEN and Cognito: a regular expression the token must match, else 401 without calling the authorizer.</summary>
    public string? ValidationExpression { get; init; }

    /// <summary>Seconds a Lambda authorizer's answer is reused for the same identity values; 0 turns caching off.</summary>
    public int ResultTtlSeconds { get; init; } = 300;

    /// <summary>HTTP API Lambda authorizers: <c>1.0</c> or <c>2.0</c>. REST authorizers always use 1.0.</summary>
    public string PayloadFormatVersion { get; init; } = "1.0";

    /// <summary>HTTP API 2.0: the authorizer answers <c>{"isAuthorized": bool, "context": {...}}</c>.</summary>
    public bool SimpleResponses { get; init; }

    /// <summary>JWT: the accepted issuers (one for an HTTP API JWT authorizer, one per user pool for Cognito).</summary>
    public IReadOnlyList<string> Issuers { get; init; } = [];

    /// <summary>JWT: accepted <c>aud</c> (or <c>client_id</c>) values; empty for Cognito, which accepts any app client.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>Where an issuer's keys come from instead of its discovery document: an absolute file path or a URL
    /// (fathom.yaml <c>api.jwks</c>).</summary>
    public IReadOnlyDictionary<string, string> JwksOverrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
